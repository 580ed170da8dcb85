import { useCallback, useEffect, useState } from 'react';
import { partnerApi } from '../../api/partner.ts';
import type { PartnerLocation, PartnerUser } from '../../api/types.ts';

export type RolesData =
  | { status: 'loading' }
  | { status: 'error'; error: unknown }
  | { status: 'ready'; locations: PartnerLocation[]; users: PartnerUser[] };

/** Loads the partner's locations and users (both lists fit one page for a partner's own users). */
export function useRolesData() {
  const [data, setData] = useState<RolesData>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `attempt` is the reload trigger
  useEffect(() => {
    const controller = new AbortController();
    setData({ status: 'loading' });
    Promise.all([partnerApi.locations(controller.signal), partnerApi.users(controller.signal)])
      .then(([locations, users]) =>
        setData({ status: 'ready', locations: locations.value, users: users.value }),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setData({ status: 'error', error });
      });
    return () => controller.abort();
  }, [attempt]);

  const reload = useCallback(() => setAttempt((n) => n + 1), []);

  const replaceUser = useCallback((user: PartnerUser) => {
    setData((current) =>
      current.status === 'ready'
        ? { ...current, users: current.users.map((u) => (u.id === user.id ? user : u)) }
        : current,
    );
  }, []);

  const replaceLocation = useCallback((location: PartnerLocation) => {
    setData((current) =>
      current.status === 'ready'
        ? { ...current, locations: current.locations.map((l) => (l.id === location.id ? location : l)) }
        : current,
    );
  }, []);

  return { data, reload, replaceUser, replaceLocation };
}
