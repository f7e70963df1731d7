import type { ReactNode } from 'react';
import { useCloud } from '../../hooks/useCloud';
import type { Role, WhoAmI } from '../../services/types';
import { AsyncView } from '../AsyncView';
import { Empty } from '../Empty';

interface Props {
  role: Role;
  deniedTitle: string;
  children: (me: WhoAmI) => ReactNode;
}

/** Shows children only to the given role (checked via user.whoami); the server still enforces it. */
export function RoleGate({ role, deniedTitle, children }: Props) {
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  return (
    <AsyncView data={me.data} error={me.error} loading={me.loading} onRetry={me.reload}>
      {(who) =>
        who.role === role ? (
          children(who)
        ) : (
          <Empty title={deniedTitle} description="如需使用，请联系街道人大工作人员开通。" />
        )
      }
    </AsyncView>
  );
}
