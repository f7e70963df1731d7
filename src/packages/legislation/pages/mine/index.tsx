import { useEffect, useMemo, useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { AsyncView } from '../../../../components/AsyncView';
import { Empty } from '../../../../components/Empty';
import { LoadMore } from '../../../../components/LoadMore';
import { usePaged } from '../../../../hooks/usePaged';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { callCloud } from '../../../../services/cloud';
import { FN, MyComment, ROUTES, sectionName, type CommentItem, type DraftDetail } from '../../labels';
import '../../../../styles/sheet.css';
import '../../legislation.css';

const MINE = { action: 'myComments' as const };

type Drafts = Record<string, Pick<DraftDetail, 'title' | 'sections'>>;

/** Title and section titles of the drafts my comments are on (usually one or two), loaded once each. */
function useDraftTitles(ids: string[]): Drafts {
  const [drafts, setDrafts] = useState<Drafts>({});
  const key = ids.join(',');
  useEffect(() => {
    let alive = true;
    const missing = key.split(',').filter((id) => id && !(id in drafts));
    for (const draftId of missing) {
      void callCloud<DraftDetail>(FN, { action: 'detail', draftId }, { retries: 1 }).then((env) => {
        if (alive && env.ok) setDrafts((d) => ({ ...d, [draftId]: { title: env.data.title, sections: env.data.sections } }));
      });
    }
    return () => {
      alive = false;
    };
    // Only new ids trigger a load; what is loaded stays.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return drafts;
}

export default function Mine() {
  const list = usePaged<CommentItem>(FN, MINE);
  usePullToRefresh(list.reload);
  useReachBottom(() => {
    if (list.hasMore && !list.moreError) void list.loadMore();
  });
  const ids = useMemo(() => [...new Set((list.items ?? []).map((c) => c.draftId))].sort(), [list.items]);
  const drafts = useDraftTitles(ids);

  return (
    <Page>
      <AsyncView data={list.items} error={list.error} loading={list.loading} onRetry={list.reload}>
        {(items) =>
          items.length === 0 ? (
            <Empty title="您还没有提过立法意见" description="正在征求意见的法规草案，可以逐条提出您的意见。">
              <Text className="lxq-legislation__link" onClick={() => Taro.navigateTo({ url: ROUTES.drafts })}>
                去看看征求意见稿 ›
              </Text>
            </Empty>
          ) : (
            <>
              {items.map((c) => {
                const d = drafts[c.draftId];
                const where = d ? `《${d.title}》${sectionName(d.sections, c.sectionId)}` : '';
                return <MyComment key={c._id} item={c} where={where} onClick={() => Taro.navigateTo({ url: `${ROUTES.draft}?id=${encodeURIComponent(c.draftId)}` })} />;
              })}
              <LoadMore hasMore={list.hasMore} loading={list.loadingMore} error={list.moreError} onMore={list.loadMore} />
            </>
          )
        }
      </AsyncView>
    </Page>
  );
}
