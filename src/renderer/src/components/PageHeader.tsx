import { Box, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './PageHeader.module.css';

interface PageHeaderProps {
  title: ReactNode;
  description?: ReactNode;
  /** Small line above the title, e.g. breadcrumbs back to a list. */
  eyebrow?: ReactNode;
  actions?: ReactNode;
  /** Sits under the title row: tabs, filters. */
  children?: ReactNode;
}

/** The top of every screen: what it is, one line on what it shows, its actions. */
export function PageHeader({ title, description, eyebrow, actions, children }: PageHeaderProps) {
  return (
    <Box className={classes.root} component="header">
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="md">
        <Stack gap={2} miw={0}>
          {eyebrow}
          <Title order={1} className={classes.title}>
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" lineClamp={2}>
              {description}
            </Text>
          )}
        </Stack>
        {actions && (
          <Group gap="xs" wrap="nowrap" className={classes.actions}>
            {actions}
          </Group>
        )}
      </Group>
      {children && <Box mt="sm">{children}</Box>}
    </Box>
  );
}
