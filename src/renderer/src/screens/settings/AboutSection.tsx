import { CopyButton, DataList, Group, ActionIcon, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useAppInfo } from '../../app/session';
import { SettingsSection } from '../../components/SettingsSection';
import { ErrorState, LoadingState } from '../../components/StateViews';

export function AboutSection() {
  const info = useAppInfo();
  return (
    <SettingsSection
      title="About and data"
      description="Where this console keeps its cache and settings."
      testId="settings-about"
    >
      {info.isPending && <LoadingState rows={3} />}
      {info.error && <ErrorState error={info.error} onRetry={() => void info.refetch()} />}
      {info.data && (
        <DataList labelWidth="140px" withDivider>
          <DataList.Item>
            <DataList.ItemLabel>Version</DataList.ItemLabel>
            <DataList.ItemValue>
              <Text size="sm">{info.data.version}</Text>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Running as</DataList.ItemLabel>
            <DataList.ItemValue>
              <Text size="sm">{info.data.transport === 'electron' ? 'Desktop app' : 'Web console (local)'}</Text>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Data directory</DataList.ItemLabel>
            <DataList.ItemValue>
              <Group gap={4} wrap="nowrap">
                <Text size="sm" className="mono" data-testid="data-dir">
                  {info.data.dataDir}
                </Text>
                <CopyButton value={info.data.dataDir}>
                  {({ copied, copy }) => (
                    <Tooltip label={copied ? 'Copied' : 'Copy path'}>
                      <ActionIcon size="sm" onClick={copy} aria-label="Copy data directory path">
                        {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
                      </ActionIcon>
                    </Tooltip>
                  )}
                </CopyButton>
              </Group>
            </DataList.ItemValue>
          </DataList.Item>
          <DataList.Item>
            <DataList.ItemLabel>Platform</DataList.ItemLabel>
            <DataList.ItemValue>
              <Text size="sm">
                {info.data.platform} · Node {info.data.node}
              </Text>
            </DataList.ItemValue>
          </DataList.Item>
        </DataList>
      )}
    </SettingsSection>
  );
}
