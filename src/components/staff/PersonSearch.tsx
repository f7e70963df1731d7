import { useState, type ReactNode } from 'react';
import { Input, Text, View } from '@tarojs/components';
import type { PersonHit } from '../../../contracts/staff';
import { ROLE_LABEL } from '../../services/types';
import { useCloud } from '../../hooks/useCloud';
import { useDirectory } from '../../hooks/useDirectory';
import { AsyncView } from '../AsyncView';
import { Btn } from '../Btn';

/** 林小雨 / 微信用户: how staff name a person on screen and in confirmations (never by their openid). */
export function personName(p: Pick<PersonHit, 'name' | 'phoneTail'>): string {
  const who = p.name || '微信用户';
  return p.phoneTail ? `${who}（手机尾号 ${p.phoneTail}）` : who;
}

interface Props {
  /** Shown before anything is typed (e.g. who is restricted now), or a prompt. */
  emptyTitle: string;
  /** Load the list for an empty query too (staff.people with no query: the restricted accounts). */
  listWhenEmpty?: boolean;
  /** What can be done to each person found; `reload` searches again so the list shows the new state. */
  actions: (p: PersonHit, reload: () => Promise<void>) => ReactNode;
}

/** Find a person by name (from the surname), phone tail, tracking number or 用户编号. */
export function PersonSearch({ emptyTitle, listWhenEmpty = false, actions }: Props) {
  const [typed, setTyped] = useState('');
  const [query, setQuery] = useState('');
  const dir = useDirectory();
  const event = query || listWhenEmpty ? { action: 'people' as const, ...(query ? { query } : {}) } : null;
  const hits = useCloud<PersonHit[]>('staff', event);
  const search = () => setQuery(typed.trim());
  return (
    <View data-testid="person-search">
      <View className="lxq-staff__row lxq-staff__intro">
        <Input className="lxq-input" value={typed} placeholder="姓名、手机尾号或诉求编号" maxlength={20} onInput={(e) => setTyped(e.detail.value)} onConfirm={search} data-testid="person-query" />
        <Btn tone="primary" size="small" onClick={search} testId="person-find">
          查找
        </Btn>
      </View>
      <Text className="lxq-staff__muted lxq-staff__intro">姓名从姓开始输入，如“林”或“林小雨”；手机号输入后 4 位；也可输入对方的诉求编号或用户编号。</Text>
      {event ? (
        <AsyncView data={hits.data} error={hits.error} loading={hits.loading} onRetry={hits.reload}>
          {(list) => (
            <>
              <Text className="lxq-section-title">{query ? `找到 ${list.length} 人` : emptyTitle}</Text>
              {list.length === 0 ? <Text className="lxq-staff__muted lxq-staff__intro">{query ? '没有找到，请换个写法再试。' : '暂无。'}</Text> : null}
              {list.map((p) => (
                <View key={p.openid} className="lxq-surface lxq-staff__item" data-testid="person">
                  <View className="lxq-spread">
                    <Text className="lxq-option__name">{p.name || '微信用户'}</Text>
                    <View>
                      <Text className="lxq-badge">{ROLE_LABEL[p.role] ?? '居民'}</Text>
                      {p.blocked ? <Text className="lxq-badge lxq-badge--red">受限</Text> : null}
                    </View>
                  </View>
                  <Text className="lxq-staff__meta">
                    {[p.phoneTail ? `手机尾号 ${p.phoneTail}` : '', p.communityId ? dir.communityName(p.communityId) : '', p.lastTrackingNo ? `最近诉求 ${p.lastTrackingNo}` : ''].filter(Boolean).join(' · ') || '没有留过联系方式'}
                  </Text>
                  {p.blocked && p.blockedReason ? <Text className="lxq-staff__meta">限制原因：{p.blockedReason}</Text> : null}
                  <View className="lxq-staff__buttons">{actions(p, hits.reload)}</View>
                </View>
              ))}
            </>
          )}
        </AsyncView>
      ) : (
        <Text className="lxq-staff__muted lxq-staff__intro">{emptyTitle}</Text>
      )}
    </View>
  );
}
