/** Inactive and deleted users across directories, for access reviews: a filter bar, a table, a CSV. */
import { Button } from '@mantine/core';
import { IconDownload, IconUserCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useApiPages } from '../../api/queries';
import { PageHeader } from '../../components/PageHeader';
import { QueryState } from '../../components/QueryState';
import { Screen, ScreenBody } from '../../components/Screen';
import { EmptyView } from '../../components/StateViews';
import { loadedCountLabel } from '../../lib/format';
import { exportInactiveCsv } from './export-inactive';
import { InactiveFilterBar } from './InactiveFilterBar';
import classes from './InactiveScreen.module.css';
import { InactiveTable } from './InactiveTable';
import { useInactiveFilters } from './use-inactive-filters';

export function InactiveScreen() {
  const { profileId, filters, filtered, query, set, clear } = useInactiveFilters();
  const [exporting, setExporting] = useState(false);
  const users = useApiPages('listInactiveUsers', { ...query, limit: 200 }, { enabled: !!profileId });

  return (
    <Screen testId="screen-inactive">
      <PageHeader
        title="Inactive"
        description="Inactive users and users WorkOS already deleted, across all directories — with the groups they still hold. Built for access reviews."
        actions={
          <Button
            variant="default"
            leftSection={<IconDownload size={14} />}
            loading={exporting}
            disabled={users.items.length === 0}
            data-testid="export-inactive"
            onClick={() => {
              setExporting(true);
              void exportInactiveCsv(query).finally(() => setExporting(false));
            }}
          >
            Export CSV
          </Button>
        }
      >
        <InactiveFilterBar
          profileId={profileId}
          filters={filters}
          onChange={set}
          count={users.isPending ? '' : loadedCountLabel(users, 'users')}
        />
      </PageHeader>
      <ScreenBody flush>
        <div className={classes.scroll}>
          <QueryState
            query={users}
            rows={10}
            empty={
              <EmptyView
                icon={<IconUserCheck size={22} />}
                title={filtered ? 'Nobody matches these filters' : 'No inactive or deleted users'}
                description={filtered ? 'Widen the period or include every directory.' : 'Every cached user is active.'}
                actions={
                  filtered && (
                    <Button variant="default" onClick={clear}>
                      Clear filters
                    </Button>
                  )
                }
              />
            }
          >
            {() => <InactiveTable users={users.items} pages={users} listKey={JSON.stringify(query)} />}
          </QueryState>
        </div>
      </ScreenBody>
    </Screen>
  );
}
