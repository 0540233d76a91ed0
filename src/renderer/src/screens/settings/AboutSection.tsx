import { CopyButton, DataList, Group, ActionIcon, Text, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useAppInfo } from '../../app/session';
import { SettingsSection } from '../../components/SettingsSection';
import { QueryState } from '../../components/QueryState';

export function AboutSection() {
  const info = useAppInfo();
  return (
    <SettingsSection
      title="About and data"
      description="Where this console keeps its cache and settings."
      testId="settings-about"
    >
      <QueryState query={info} rows={3}>
        {(data) => (
          <DataList labelWidth="140px" withDivider>
            <DataList.Item>
              <DataList.ItemLabel>Version</DataList.ItemLabel>
              <DataList.ItemValue>
                <Text size="sm">{data.version}</Text>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Running as</DataList.ItemLabel>
              <DataList.ItemValue>
                <Text size="sm">{data.transport === 'electron' ? 'Desktop app' : 'Web console (local)'}</Text>
              </DataList.ItemValue>
            </DataList.Item>
            <DataList.Item>
              <DataList.ItemLabel>Data directory</DataList.ItemLabel>
              <DataList.ItemValue>
                <Group gap={4} wrap="nowrap">
                  <Text size="sm" className="mono" data-testid="data-dir">
                    {data.dataDir}
                  </Text>
                  <CopyButton value={data.dataDir}>
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
                  {data.platform} · Node {data.node}
                </Text>
              </DataList.ItemValue>
            </DataList.Item>
          </DataList>
        )}
      </QueryState>
    </SettingsSection>
  );
}
