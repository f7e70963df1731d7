import type { ReactNode } from 'react';
import type { CloudState } from '../../hooks/useCloud';
import type { Role, WhoAmI } from '../../services/types';
import { AsyncView } from '../AsyncView';
import { Empty } from '../Empty';

interface Props {
  /** useCloud<WhoAmI>('user', { action: 'whoami' }) of the page. */
  me: CloudState<WhoAmI>;
  role: Role;
  deniedTitle: string;
  children: (me: WhoAmI) => ReactNode;
}

/** Shows children only to the given role; the functions still enforce it server-side. */
export function RoleGate({ me, role, deniedTitle, children }: Props) {
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
