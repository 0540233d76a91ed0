import { ActionIcon, Code, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import classes from './JsonViewer.module.css';

/** Pretty-printed JSON with a copy button (copies exactly what is shown). */
export function JsonViewer({ value, testId }: { value: unknown; testId?: string }) {
  const text = JSON.stringify(value, null, 2) ?? 'null';
  return (
    <div className={classes.wrap}>
      <CopyButton value={text}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : 'Copy JSON'}>
            <ActionIcon className={classes.copy} onClick={copy} aria-label="Copy JSON" variant="default">
              {copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
      <Code block className={classes.code} data-testid={testId}>
        {text}
      </Code>
    </div>
  );
}
