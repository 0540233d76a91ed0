import type { ReactNode } from 'react';
import { PageHeader } from '../components/PageHeader';
import { PlaceholderPanel } from '../components/PlaceholderPanel';
import { Screen, ScreenBody } from '../components/Screen';

interface PlaceholderScreenProps {
  id: string;
  title: string;
  description: string;
  comingWith: string;
  features: ReactNode[];
}

/** A whole screen that is not built yet, marked as such. */
export function PlaceholderScreen({ id, title, description, comingWith, features }: PlaceholderScreenProps) {
  return (
    <Screen testId={`screen-${id}`}>
      <PageHeader title={title} description={description} />
      <ScreenBody>
        <PlaceholderPanel title={`${title} is not built yet`} comingWith={comingWith} features={features} />
      </ScreenBody>
    </Screen>
  );
}
