import type { ReactNode } from 'react';
import { View } from '@tarojs/components';
import { RoleGate } from '../../../components/RoleGate';
import { useCloud, type CloudState } from '../../../hooks/useCloud';
import type { WhoAmI } from '../../../services/types';

const WHOAMI = { action: 'whoami' };

export function useStaffMe(): CloudState<WhoAmI> & { isStaff: boolean } {
  const me = useCloud<WhoAmI>('user', WHOAMI);
  return { ...me, isStaff: me.data?.role === 'staff' };
}

/** Whole-page gate: only staff see the content (the functions check the role again). */
export function StaffGate({ me, children }: { me: CloudState<WhoAmI>; children: (who: WhoAmI) => ReactNode }) {
  return (
    <View className="lxq-page">
      <RoleGate me={me} role="staff" deniedTitle="仅工作人员可用">
        {children}
      </RoleGate>
    </View>
  );
}
