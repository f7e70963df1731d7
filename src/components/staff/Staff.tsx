import type { ReactNode } from 'react';
import { Text } from '@tarojs/components';
import { Page } from '../Page';
import { Btn } from '../Btn';
import { RoleGate } from '../RoleGate';
import { useCloud, type CloudState } from '../../hooks/useCloud';
import { useListLifecycle } from '../../hooks/usePageLifecycle';
import { usePaged, type PagedState, type PageReply } from '../../hooks/usePaged';
import type { EventOf } from '../../services/api';
import type { WhoAmI } from '../../services/types';

const WHOAMI = { action: 'whoami' as const };

export function useStaffMe(): CloudState<WhoAmI> & { isStaff: boolean } {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  return { ...me, isStaff: me.data?.role === 'staff' };
}

/**
 * A staff queue page: who is asking, the paged list (asked for once they are known to be staff),
 * pull to refresh, paging at the bottom and a reload when coming back.
 */
type StaffQueue<T> = { me: ReturnType<typeof useStaffMe>; list: PagedState<T, PageReply<T>> };
export function useStaffQueue<T>(fn: 'staff', event: EventOf<'staff'>): StaffQueue<T>;
export function useStaffQueue<T>(fn: 'project', event: EventOf<'project'>): StaffQueue<T>;
export function useStaffQueue<T>(fn: 'staff' | 'project', event: EventOf<'staff'> | EventOf<'project'>): StaffQueue<T> {
  const me = useStaffMe();
  // Either function's queue: the overloads above check the event against its manifest.
  const list = usePaged<T>(fn as 'staff', (me.isStaff ? event : null) as EventOf<'staff'> | null);
  useListLifecycle(() => Promise.all([me.reload(), list.reload()]), list);
  return { me, list };
}

/** Whole-page gate: only staff see the content (the functions check the role again). */
export function StaffGate({ me, children }: { me: CloudState<WhoAmI>; children: (who: WhoAmI) => ReactNode }) {
  return (
    <Page>
      <RoleGate me={me} role="staff" deniedTitle="仅工作人员可用">
        {children}
      </RoleGate>
    </Page>
  );
}

/** The check box of a multi-select row. */
export function CheckBox({ on }: { on: boolean }) {
  return <Text className={on ? 'lxq-staff__check lxq-staff__check--on' : 'lxq-staff__check'}>{on ? '✓' : ''}</Text>;
}

interface RowButtonProps {
  tone: 'primary' | 'ghost' | 'danger';
  disabled?: boolean;
  loading?: boolean;
  onClick: () => void;
  testId?: string;
  children: ReactNode;
}

/** A small action button on a queue row (审核、分派、改派…). */
export function RowButton({ tone, disabled = false, loading = false, onClick, testId, children }: RowButtonProps) {
  return (
    <Btn tone={tone} size="small" disabled={disabled} busy={loading} onClick={onClick} testId={testId}>
      {children}
    </Btn>
  );
}
