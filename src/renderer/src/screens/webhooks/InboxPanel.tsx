import { Card, Grid, Stack } from '@mantine/core';
import { IconPointer } from '@tabler/icons-react';
import { useNavigate, useParams } from 'react-router';
import { EmptyView } from '../../components/StateViews';
import { InboxDetail } from './InboxDetail';
import { InboxList } from './InboxList';
import { ReceiverCard } from './ReceiverCard';

/** Receiver on top; deliveries on the left; the selected one (deep-linkable) on the right. */
export function InboxPanel() {
  const { itemId } = useParams();
  const navigate = useNavigate();
  const selected = itemId && /^\d+$/.test(itemId) ? Number(itemId) : null;

  return (
    <Stack gap="md">
      <ReceiverCard />
      <Grid gap="md">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <InboxList selectedId={selected} onSelect={(id) => navigate(`/webhooks/inbox/${id}`)} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          {selected !== null ? (
            <InboxDetail id={selected} />
          ) : (
            <Card padding="md" bg="var(--app-surface)">
              <EmptyView
                icon={<IconPointer size={22} />}
                title="Pick a delivery"
                description="Its verdict, the exact request and body, and exports appear here."
              />
            </Card>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
