import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import {
  getDevOpenid,
  getDevUsers,
  loadDevUsers,
  onIdentityChange,
  setDevOpenid,
} from '../../services/identity';
import { ROLE_LABEL, type DevUser } from '../../services/types';
import type { DevSwitcherProps } from './index';
import './index.css';

function useDevIdentity() {
  const [users, setUsers] = useState<DevUser[]>(getDevUsers());
  const [current, setCurrent] = useState<string | null>(getDevOpenid());
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let alive = true;
    loadDevUsers()
      .then((list) => {
        if (!alive) return;
        setUsers(list);
        setCurrent(getDevOpenid());
      })
      .catch(() => alive && setFailed(true));
    const off = onIdentityChange(() => setCurrent(getDevOpenid()));
    return () => {
      alive = false;
      off();
    };
  }, []);
  return { users, current, failed };
}

function UserList({ users, current, onPick }: { users: DevUser[]; current: string | null; onPick: (openid: string) => void }) {
  return (
    <View className="lxq-dev-users__list">
      {users.map((u) => (
        <View
          key={u.openid}
          className={u.openid === current ? 'lxq-dev-users__item lxq-dev-users__item--on' : 'lxq-dev-users__item'}
          onClick={() => onPick(u.openid)}
        >
          <Text className="lxq-dev-users__name">{u.name}</Text>
          <Text className="lxq-dev-users__role">{ROLE_LABEL[u.role] ?? u.role}</Text>
          {u.openid === current ? <Text className="lxq-dev-users__mark">当前</Text> : null}
        </View>
      ))}
    </View>
  );
}

/** Local-only: choose which seeded user this browser acts as (sent as X-WX-OPENID). */
export function DevSwitcher({ variant = 'panel' }: DevSwitcherProps) {
  const { users, current, failed } = useDevIdentity();
  const [open, setOpen] = useState(false);
  const me = users.find((u) => u.openid === current);
  const pick = (openid: string) => {
    setOpen(false);
    setDevOpenid(openid);
  };

  if (variant === 'chip') {
    if (!me) return null;
    return (
      <View className="lxq-dev-chip" data-testid="dev-chip">
        <View className="lxq-dev-chip__btn" onClick={() => setOpen(!open)}>
          <Text>
            {me.name} · {ROLE_LABEL[me.role] ?? me.role} ▾
          </Text>
        </View>
        {open ? (
          <View className="lxq-dev-chip__menu">
            <UserList users={users} current={current} onPick={pick} />
          </View>
        ) : null}
      </View>
    );
  }

  return (
    <View className="lxq-dev-panel" data-testid="dev-panel">
      <Text className="lxq-dev-panel__title">开发身份（仅本地 H5）</Text>
      {failed ? (
        <Text className="lxq-dev-panel__hint">无法读取开发用户列表（/api/dev/users）</Text>
      ) : (
        <UserList users={users} current={current} onPick={pick} />
      )}
    </View>
  );
}
