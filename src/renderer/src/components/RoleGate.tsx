import { Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MethodName } from '../../../shared/api';
import { useDeniedReason } from '../app/permissions';

/**
 * Renders a control that calls `method`, disabled with a tooltip saying which role it needs
 * when the team server would refuse it (a disabled button gets no hover, hence the wrapper).
 */
export function RoleGate({ method, children }: { method: MethodName; children: (denied: boolean) => ReactNode }) {
  const reason = useDeniedReason(method);
  if (!reason) return <>{children(false)}</>;
  return (
    <Tooltip label={reason} multiline w={260}>
      <span data-testid={`denied-${method}`} style={{ display: 'inline-block' }}>
        {children(true)}
      </span>
    </Tooltip>
  );
}
