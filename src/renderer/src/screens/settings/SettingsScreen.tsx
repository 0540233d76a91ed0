import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/PageHeader';
import { Screen, ScreenBody } from '../../components/Screen';
import { AboutSection } from './AboutSection';
import { AppearanceSection } from './AppearanceSection';
import { AuditSection } from './AuditSection';
import { ProfilesSection } from './ProfilesSection';
import { SessionsSection } from './SessionsSection';
import { SyncSection } from './SyncSection';
import { TeamServersSection } from './TeamServersSection';

export function SettingsScreen() {
  return (
    <Screen testId="screen-settings">
      <PageHeader title="Settings" description="Profiles, sync, appearance, and where your data lives." />
      <ScreenBody>
        <Stack gap="md" maw={920}>
          <ProfilesSection />
          <TeamServersSection />
          <SyncSection />
          <AuditSection />
          <SessionsSection />
          <AppearanceSection />
          <AboutSection />
        </Stack>
      </ScreenBody>
    </Screen>
  );
}
