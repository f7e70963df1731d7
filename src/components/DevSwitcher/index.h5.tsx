import { useEffect, useState } from 'react';
import { Input, Text, View } from '@tarojs/components';
import {
  getDevOpenid,
  getDevUsers,
  loadDevUsers,
  onIdentityChange,
  setCustomDevOpenid,
  setDevOpenid,
} from '../../services/identity';
import { Btn } from '../Btn';
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

/** Any openid: a new person, or someone who became staff or a deputy in an empty database. */
function OtherOpenid({ onDone }: { onDone: () => void }) {
  const [value, setValue] = useState('');
  const [bad, setBad] = useState(false);
  const go = () => {
    if (!setCustomDevOpenid(value)) return setBad(true);
    setValue('');
    setBad(false);
    onDone();
  };
  return (
    <View className="lxq-dev-users__item lxq-dev-users__other">
      <Input className="lxq-dev-users__input" value={value} placeholder="其他 openid，如 wx_new_clerk" maxlength={64} onInput={(e) => (setValue(e.detail.value), setBad(false))} onConfirm={go} data-testid="dev-openid" />
      <Btn className="lxq-dev-users__go" onClick={go} testId="dev-openid-go">
        切换
      </Btn>
      {bad ? <Text className="lxq-dev-users__bad">字母、数字、_ 或 -</Text> : null}
    </View>
  );
}

function UserList({ users, current, onPick, onOther }: { users: DevUser[]; current: string | null; onPick: (openid: string) => void; onOther: () => void }) {
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
      {current && !users.some((u) => u.openid === current) ? (
        <View className="lxq-dev-users__item lxq-dev-users__item--on">
          <Text className="lxq-dev-users__name">{current}</Text>
          <Text className="lxq-dev-users__mark">当前</Text>
        </View>
      ) : null}
      <OtherOpenid onDone={onOther} />
    </View>
  );
}

/** Local-only: choose which seeded user this browser acts as (sent as X-WX-OPENID). */
export function DevSwitcher({ variant = 'panel' }: DevSwitcherProps) {
  const { users, current, failed } = useDevIdentity();
  const [open, setOpen] = useState(false);
  const me = users.find((u) => u.openid === current) ?? (current ? { openid: current, role: undefined, name: current } : undefined);
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
            {me.name}
            {me.role ? ` · ${ROLE_LABEL[me.role] ?? me.role}` : ''} ▾
          </Text>
        </View>
        {open ? (
          <View className="lxq-dev-chip__menu">
            <UserList users={users} current={current} onPick={pick} onOther={() => setOpen(false)} />
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
        <UserList users={users} current={current} onPick={pick} onOther={() => undefined} />
      )}
    </View>
  );
}
