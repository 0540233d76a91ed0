import { ActionIcon, Code, CopyButton, Tooltip } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { stringifyJsonBounded } from '../../../shared/json-depth';
import classes from './JsonViewer.module.css';

/** Pretty-printed JSON with a copy button (copies exactly what is shown). */
export function JsonViewer({ value, testId }: { value: unknown; testId?: string }) {
  // Cached values come from WorkOS: never recurse deeper than the shared limit.
  const text = stringifyJsonBounded(value, 2);
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
