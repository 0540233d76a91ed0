import { Button } from '@mantine/core';
import { IconArrowLeft, IconMapOff } from '@tabler/icons-react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../components/PageHeader';
import { Screen, ScreenBody } from '../components/Screen';
import { EmptyView } from '../components/StateViews';

export function NotFoundScreen() {
  const { pathname } = useLocation();
  return (
    <Screen testId="screen-not-found">
      <PageHeader title="Not found" />
      <ScreenBody>
        <EmptyView
          icon={<IconMapOff size={22} />}
          title="There is nothing at this address"
          description={<span className="mono">{pathname}</span>}
          actions={
            <Button component={Link} to="/directories" variant="default" leftSection={<IconArrowLeft size={14} />}>
              Back to directories
            </Button>
          }
        />
      </ScreenBody>
    </Screen>
  );
}
