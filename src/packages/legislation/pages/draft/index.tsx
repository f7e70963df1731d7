import { useEffect, useMemo, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { AsyncView } from '../../../../components/AsyncView';
import { Empty } from '../../../../components/Empty';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { toast } from '../../../../utils/confirm';
import { formatDateTime } from '../../../../utils/format';
import { newRequestId } from '../../../../utils/storage';
import { CommentForm } from '../../components/CommentForm';
import { GENERAL, loadForms, saveForms, type FormDrafts } from '../../forms';
import { DraftHead, MyComment, ROUTES, sectionName, FN, type CommentItem, type DraftDetail } from '../../labels';
import '../../../../styles/sheet.css';
import '../../legislation.css';

/** Comments sent from this page first, then what the server has (its copy wins: it may carry a decision). */
function mergeMine(sent: CommentItem[], server: CommentItem[]): CommentItem[] {
  const byId = new Map<string, CommentItem>();
  for (const c of sent) byId.set(c._id, c);
  for (const c of server) byId.set(c._id, c);
  return [...byId.values()].sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
}

export default function DraftPage() {
  const id = usePageParam('id');
  const detail = useCloud<DraftDetail>(FN, id ? { action: 'detail', draftId: id } : null);
  usePullToRefresh(detail.reload);

  // Typed text per form (section id or GENERAL), restored from storage; forms with text start open.
  const [initial] = useState(() => (id ? loadForms(id) : {}));
  const [forms, setForms] = useState<FormDrafts>(initial);
  const [open, setOpen] = useState<string[]>(() => Object.keys(initial).filter((k) => initial[k].text.trim() !== ''));
  const [sent, setSent] = useState<CommentItem[]>([]);

  const latest = useRef(forms);
  latest.current = forms;
  useEffect(() => {
    if (!id) return;
    const t = setTimeout(() => saveForms(id, forms), 300);
    return () => clearTimeout(t);
  }, [id, forms]);
  useEffect(
    () => () => {
      if (id) saveForms(id, latest.current);
    },
    [id],
  );

  const openForm = (key: string) => {
    setForms((f) => (f[key] ? f : { ...f, [key]: { text: '', requestId: newRequestId() } }));
    setOpen((o) => (o.includes(key) ? o : [...o, key]));
  };
  const closeForm = (key: string) => setOpen((o) => o.filter((k) => k !== key));
  const setText = (key: string, text: string) => setForms((f) => ({ ...f, [key]: { requestId: f[key]?.requestId ?? newRequestId(), text } }));
  const onSent = (key: string, item: CommentItem) => {
    const next = { ...latest.current };
    delete next[key];
    latest.current = next;
    setForms(next);
    if (id) saveForms(id, next);
    closeForm(key);
    setSent((s) => [item, ...s.filter((c) => c._id !== item._id)]);
    toast('提交成功', true);
    void detail.reload();
  };
  const onClosed = (message: string) => {
    toast(message);
    void detail.reload();
  };

  const mine = useMemo(() => mergeMine(sent, detail.data?.myComments ?? []), [sent, detail.data]);

  if (!id) return <Empty title="没有找到这份征求意见稿" description="请从立法意见征询列表进入。" />;

  return (
    <Page>
      <AsyncView data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(d) => {
          const consulting = d.status === 'consulting';
          const closedNote =
            d.status === 'closed' ? (
              <Text className="lxq-legislation__closed" data-testid="closed-note">
                征求意见已结束
              </Text>
            ) : (
              <Text className="lxq-legislation__closed" data-testid="closed-note">
                征求意见尚未开始，{formatDateTime(d.opensAt)} 起可以提意见
              </Text>
            );
          const form = (key: string, title: string, sectionId?: string) =>
            open.includes(key) && forms[key] ? (
              <CommentForm
                key={key}
                draftId={d._id}
                sectionId={sectionId}
                title={title}
                value={forms[key]}
                onChange={(text) => setText(key, text)}
                onSent={(item) => onSent(key, item)}
                onClosed={onClosed}
                onCancel={() => closeForm(key)}
                testId={`form-${key}`}
              />
            ) : null;
          return (
            <>
              <View className="lxq-sheet__head">
                <DraftHead draft={d} rollupClass="lxq-sheet__outcome" rollupTestId="rollup" />
                {d.rollup.adoptionRate !== null ? <Text className="lxq-sheet__meta">已答复的意见中，{Math.round(d.rollup.adoptionRate * 100)}% 被全部或部分采纳</Text> : null}
              </View>

              {!consulting ? closedNote : null}

              <Text className="lxq-section-title">草案全文</Text>
              {d.sections.map((s) => (
                <View key={s._id} className="lxq-sheet__section" data-testid={`section-${s._id}`}>
                  <Text className="lxq-legislation__section-title">{s.title}</Text>
                  <Text className="lxq-text">{s.text}</Text>
                  {consulting && !open.includes(s._id) ? (
                    <Text className="lxq-legislation__link" onClick={() => openForm(s._id)} data-testid={`comment-on-${s._id}`}>
                      对本条提意见 ›
                    </Text>
                  ) : null}
                  {consulting ? form(s._id, `对「${s.title}」的意见`, s._id) : null}
                </View>
              ))}

              {consulting ? (
                <View className="lxq-sheet__section">
                  <Text className="lxq-legislation__section-title">对整部办法的意见</Text>
                  <Text className="lxq-sheet__meta">不针对某一条的意见、建议增加的内容，可以写在这里。</Text>
                  {!open.includes(GENERAL) ? (
                    <Text className="lxq-legislation__link" onClick={() => openForm(GENERAL)} data-testid="comment-general">
                      提整体意见 ›
                    </Text>
                  ) : null}
                  {form(GENERAL, '整体意见')}
                </View>
              ) : null}

              <View className="lxq-legislation__row lxq-legislation__mine-head">
                <Text className="lxq-section-title">我的意见</Text>
                <Text className="lxq-legislation__link" onClick={() => Taro.navigateTo({ url: ROUTES.mine })}>
                  全部 ›
                </Text>
              </View>
              {mine.length === 0 ? (
                <Text className="lxq-legislation__none" data-testid="mine-none">
                  您还没有对这份草案提过意见
                </Text>
              ) : (
                mine.map((c) => <MyComment key={c._id} item={c} where={sectionName(d.sections, c.sectionId)} />)
              )}
            </>
          );
        }}
      </AsyncView>
    </Page>
  );
}
