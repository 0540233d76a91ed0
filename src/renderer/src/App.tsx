import { useEffect, useState } from 'react';
import { api } from './api/client';
import type { AppInfo } from '../../shared/api';

/** Temporary root until the shell lands. */
export function App() {
  const [info, setInfo] = useState<AppInfo | null>(null);
  useEffect(() => {
    void api.getAppInfo().then(setInfo);
  }, []);
  return <main data-app-state={info ? 'loaded' : 'loading'}>dsync-console {info?.version}</main>;
}
