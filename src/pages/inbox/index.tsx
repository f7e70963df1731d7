import { useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../components/Page';
import type { InboxItem, InboxPage } from '../../../contracts/inbox';
import { PagedList } from '../../components/PagedList';
import { SubscribeCard } from '../../components/SubscribeCard';
import { useCloud } from '../../hooks/useCloud';
import { useLoadMoreAtBottom } from '../../hooks/usePageLifecycle';
import { usePaged } from '../../hooks/usePaged';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { callCloud } from '../../services/cloud';
import { templatesFor } from '../../services/templates';
import type { WhoAmI } from '../../services/types';
import { formatAgo } from '../../utils/format';
import './index.css';

const TABS = ['/pages/index/index', '/pages/appeals/index', '/pages/ballots/index', '/pages/me/index'];
const INBOX = { action: 'inbox' as const };

function openLink(link: string): void {
  const path = link.startsWith('/') ? link : `/${link}`;
  if (TABS.includes(path.split('?')[0])) void Taro.switchTab({ url: path.split('?')[0] });
  else void Taro.navigateTo({ url: path });
}

export default function Inbox() {
  const list = usePaged<InboxItem, InboxPage>('user', INBOX);
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const [readNow, setReadNow] = useState<Set<string>>(new Set());
  usePullToRefresh(async () => {
    setReadNow(new Set());
    await list.reload();
  });
  useLoadMoreAtBottom(list);

  const isRead = (m: InboxItem) => m.read || readNow.has(m._id);
  const unread = Math.max(0, (list.head?.unread ?? 0) - (list.items ?? []).filter((m) => !m.read && readNow.has(m._id)).length);

  const markRead = (ids: string[]) => {
    if (ids.length === 0) return;
    setReadNow((s) => new Set([...s, ...ids]));
    // Fire and forget: a failure only means the dot comes back on the next refresh.
    void callCloud('user', { action: 'markRead', ids: ids.slice(0, 100) });
  };

  const open = (m: InboxItem) => {
    if (!isRead(m)) markRead([m._id]);
    if (m.link) openLink(m.link);
  };

  return (
    <Page>
      {me.data ? <SubscribeCard keys={templatesFor(me.data.role)} /> : null}
      <View className="lxq-inbox__bar">
        <Text className="lxq-section-title lxq-inbox__title">{unread > 0 ? `消息（${unread} 条未读）` : '消息'}</Text>
        {unread > 0 ? (
          <Text className="lxq-inbox__all" onClick={() => markRead((list.items ?? []).filter((m) => !isRead(m)).map((m) => m._id))}>
            全部标为已读
          </Text>
        ) : null}
      </View>
      <PagedList list={list} emptyTitle="暂时没有消息" emptyDescription="诉求有新进展时，会在这里通知您。">
        {(m) => (
          <View key={m._id} className="lxq-message" hoverClass="lxq-message--hover" onClick={() => open(m)} data-testid="message">
            <View className="lxq-message__head">
              {!isRead(m) ? <View className="lxq-message__dot" data-testid="unread-dot" /> : null}
              <Text className={isRead(m) ? 'lxq-message__title' : 'lxq-message__title lxq-message__title--new'}>{m.title}</Text>
              {!isRead(m) ? <Text className="lxq-badge lxq-badge--red">未读</Text> : null}
            </View>
            <Text className="lxq-message__body">{m.body}</Text>
            <Text className="lxq-message__at">
              {formatAgo(m.at)}
              {m.link ? ' · 查看详情 ›' : ''}
            </Text>
          </View>
        )}
      </PagedList>
    </Page>
  );
}
