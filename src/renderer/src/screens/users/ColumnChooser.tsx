import { Button, Checkbox, Menu } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';

interface ColumnChooserProps {
  columns: { id: string; label: string }[];
  visible: string[];
  onChange(visible: string[]): void;
  onReset(): void;
}

/** Which columns the table shows; the choice is remembered with the UI state. */
export function ColumnChooser({ columns, visible, onChange, onReset }: ColumnChooserProps) {
  return (
    <Menu closeOnItemClick={false} position="bottom-end" width={200}>
      <Menu.Target>
        <Button variant="default" leftSection={<IconColumns size={14} />} data-testid="column-chooser">
          Columns
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Show columns</Menu.Label>
        {columns.map((c) => (
          <Menu.Item key={c.id} onClick={() => undefined} component="div">
            <Checkbox
              size="xs"
              label={c.label}
              checked={visible.includes(c.id)}
              disabled={c.id === 'name'}
              onChange={(e) =>
                onChange(
                  e.currentTarget.checked
                    ? columns.map((x) => x.id).filter((id) => id === c.id || visible.includes(id))
                    : visible.filter((id) => id !== c.id),
                )
              }
            />
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item onClick={onReset}>Reset to defaults</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
