/**
 * The Users screen's filter bar: search (debounced, `/` focuses it), directory, state, custom
 * attribute, the group a link came with, "Clear filters" and the count. It edits the URL
 * filters of `useUserFilters`, and follows them when they change from elsewhere.
 */
import { Badge, Button, CloseButton, Group, Select, Text, TextInput, Tooltip } from '@mantine/core';
import { useDebouncedValue, useHotkeys } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { USER_STATE_LABELS, USER_STATES } from '../../../../shared/user-states';
import { useApiQuery } from '../../api/queries';
import type { UserFilters } from './use-user-filters';

export function UserFilterBar({
  profileId,
  filters,
  set,
  onClear,
  count,
}: {
  profileId: string | null;
  filters: UserFilters;
  set(patch: Record<string, string | null>): void;
  onClear(): void;
  /** "1,204 users", or nothing while the first page loads. */
  count: ReactNode;
}) {
  const [search, setSearch] = useState(filters.q);
  const [debouncedSearch] = useDebouncedValue(search.trim(), 200);
  const [attrDraft, setAttrDraft] = useState(filters.attrText);
  const attributeError = filters.attribute && !filters.attribute.ok ? filters.attribute.error : null;
  const searchRef = useRef<HTMLInputElement>(null);
  useHotkeys([['/', () => searchRef.current?.focus()]]);

  // The search box writes the URL after a pause; a change of the URL from elsewhere ("Clear
  // filters", a link) is written back into the drafts (React's "adjust state on a prop change").
  useEffect(() => {
    if (debouncedSearch !== filters.q) set({ q: debouncedSearch });
    // `set` is recreated each render; only the search text decides whether the URL changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [debouncedSearch]);
  const [seen, setSeen] = useState({ q: filters.q, attr: filters.attrText });
  if (seen.q !== filters.q || seen.attr !== filters.attrText) {
    setSeen({ q: filters.q, attr: filters.attrText });
    if (filters.q !== debouncedSearch) setSearch(filters.q);
    if (filters.attrText !== attrDraft.trim()) setAttrDraft(filters.attrText);
  }

  const directories = useApiQuery('listDirectories', { profileId: profileId ?? '' }, { enabled: !!profileId });
  const group = useApiQuery(
    'getGroup',
    { profileId: profileId ?? '', groupId: filters.group ?? '' },
    { enabled: !!profileId && !!filters.group },
  );
  const filtered = !!(
    search.trim() ||
    filters.q ||
    filters.directory ||
    filters.group ||
    filters.state ||
    filters.attrText
  );
  // Kept as typed even when malformed: the field then says what is wrong, instead of the
  // filter being dropped without a word.
  const applyAttr = () => set({ attr: attrDraft.trim() || null });

  return (
    <Group gap="xs" wrap="wrap">
      <TextInput
        ref={searchRef}
        w={300}
        placeholder="Search users…  ( / )"
        leftSection={<IconSearch size={14} />}
        rightSection={search ? <CloseButton size="xs" onClick={() => setSearch('')} aria-label="Clear search" /> : null}
        value={search}
        onChange={(e) => setSearch(e.currentTarget.value)}
        aria-label="Search users"
        data-testid="user-search"
      />
      <Select
        w={200}
        placeholder="All directories"
        clearable
        searchable
        data={(directories.data ?? []).map((d) => ({ value: d.id, label: d.name }))}
        value={filters.directory}
        onChange={(v) => set({ directory: v })}
        aria-label="Directory"
        data-testid="user-directory-filter"
      />
      <Select
        w={140}
        placeholder="Any state"
        clearable
        data={USER_STATES.map((s) => ({ value: s, label: USER_STATE_LABELS[s] }))}
        value={filters.state}
        onChange={(v) => set({ state: v })}
        aria-label="State"
        data-testid="user-state-filter"
      />
      <Tooltip label="Custom attribute, e.g. department=Finance — press Enter">
        <TextInput
          w={210}
          placeholder="attribute=value"
          value={attrDraft}
          onChange={(e) => setAttrDraft(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Enter' && applyAttr()}
          onBlur={applyAttr}
          classNames={{ input: 'mono' }}
          aria-label="Custom attribute filter"
          error={attributeError}
          data-testid="user-attribute-filter"
        />
      </Tooltip>
      {filters.group && (
        <Badge
          size="lg"
          variant="light"
          rightSection={<CloseButton size="xs" onClick={() => set({ group: null })} aria-label="Remove group filter" />}
          data-testid="user-group-filter"
        >
          Group: {group.data?.group?.name ?? filters.group}
        </Badge>
      )}
      {filtered && (
        <Button variant="subtle" color="gray" onClick={onClear}>
          Clear filters
        </Button>
      )}
      <Text size="xs" c="dimmed" ml="auto" className="tabular" data-testid="user-count">
        {count}
      </Text>
    </Group>
  );
}
