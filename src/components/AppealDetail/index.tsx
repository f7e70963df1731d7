import type { ReactNode } from 'react';
import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import { Page } from '../Page';
import type { AppealDetail, TimelineEntry } from '../../../contracts/appeal';
import { RATING_LABELS, RESOLUTION_LABELS, statusLabel } from '../../../domain/appeals/labels';
import { useCloud } from '../../hooks/useCloud';
import { useDirectory } from '../../hooks/useDirectory';
import { usePageParam } from '../../hooks/usePageParam';
import { useReloadOnShow } from '../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { imageSrc } from '../../services/upload';
import { formatDateTime } from '../../utils/format';
import { ACTOR_LABELS } from '../../utils/labels';
import { AsyncView } from '../AsyncView';
import { Card } from '../Card';
import { Empty } from '../Empty';
import { OverdueTag, StatusTag } from '../AppealItem';
import { Deadline } from '../Deadline';
import { PhoneLink } from '../Phone';
import { TimelineItem } from '../Timeline';
import { AppealLinksView } from './Links';
import './index.css';

const ACTION_LABELS: Record<string, string> = {
  submit: '提交诉求',
  hold: '等待人工审核',
  content_reject: '内容未通过安全检查',
  approve: '审核通过',
  reject: '不予受理',
  assign: '分派给代表',
  reassign: '改派代表',
  accept: '受理诉求',
  progress: '记录办理进展',
  transfer: '交办相关部门',
  reply: '答复居民',
  rate_close: '评价并办结',
  rate_redo: '不满意，退回重办',
  auto_close: '超时未评价，自动办结',
  mark_overdue: '办理超时，进入督办',
  escalate: '督办升级',
};

export function actionLabel(entry: TimelineEntry): string {
  if (entry.action === 'route') return entry.status === 'assigned' ? '分派给代表' : '转工作人员分派';
  return ACTION_LABELS[entry.action] ?? statusLabel(entry.status);
}

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <Text className="lxq-muted">暂无办理记录</Text>;
  return (
    <View className="lxq-timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <TimelineItem key={`${e.at}-${i}`} last={i === entries.length - 1}>
          <View className="lxq-timeline-entry__head">
            <Text className="lxq-timeline-entry__who">{ACTOR_LABELS[e.actorRole] ?? '系统'}</Text>
            <Text className="lxq-timeline-entry__what">{actionLabel(e)}</Text>
          </View>
          <Text className="lxq-timeline-entry__at">{formatDateTime(e.at)}</Text>
          {e.note ? <Text className="lxq-timeline-entry__note">{e.note}</Text> : null}
        </TimelineItem>
      ))}
    </View>
  );
}

interface Props {
  detail: AppealDetail;
  categoryName: string;
  communityName: string;
  /** What the viewer can do now (rating, deputy actions): shown above the timeline. */
  actions?: ReactNode;
}

/** Everything about one appeal, for the submitter, the deputy and staff (the server decides what is in it). */
/** Statuses in which the appeal is still being worked on: 督办中 and 已超期 mean something only then. */
const OPEN: AppealDetail['status'][] = ['assigned', 'in_progress', 'replied'];
const AUDIENCE = { submitter: 'resident', assignee: 'deputy', past_assignee: 'deputy', staff: 'staff' } as const;

export function AppealDetailView({ detail: d, categoryName, communityName, actions }: Props) {
  const urls = d.images.map(imageSrc);
  // A closed case is never 已办结 and 督办中 at once (the server says so too; old data may not).
  const supervised = d.supervised && OPEN.includes(d.status);
  // The full number reaches only the deputy handling it and staff: they may call it.
  const callable = d.viewerIs === 'assignee' || d.viewerIs === 'staff';
  const preview = (current: string) => {
    void Taro.previewImage({ urls, current }).catch(() => undefined);
  };
  return (
    <View className="lxq-detail">
      <Card
        title={<Text data-testid="tracking-no">编号 {d.trackingNo}</Text>}
        extra={<StatusTag status={d.status} label={d.statusLabel} />}
      >
        <Text className="lxq-detail__meta">
          {[categoryName, communityName].filter(Boolean).join(' · ')}
          {categoryName || communityName ? '  ' : ''}
          {formatDateTime(d.createdAt)} 提交
        </Text>
        {(d.overdue && OPEN.includes(d.status)) || supervised || d.reopenCount > 0 ? (
          <View className="lxq-detail__flags">
            {d.overdue && OPEN.includes(d.status) ? <OverdueTag /> : null}
            {supervised ? <Text className="lxq-badge lxq-badge--warn">督办中</Text> : null}
            {d.reopenCount > 0 ? <Text className="lxq-badge">第 {d.reopenCount} 次重办</Text> : null}
          </View>
        ) : null}
        <Deadline deadline={d.deadline} audience={AUDIENCE[d.viewerIs]} />
      </Card>

      {d.status === 'rejected' ? (
        <Card title="未受理原因">
          <Text className="lxq-text" data-testid="reject-reason">
            {d.rejectReason || '未说明原因，如有疑问请联系街道人大工作人员。'}
          </Text>
        </Card>
      ) : null}

      <Card title="诉求内容">
        <Text className="lxq-text">{d.content}</Text>
        {urls.length > 0 ? (
          <View className="lxq-detail__images">
            {urls.map((u) => (
              <Image key={u} className="lxq-detail__img" src={u} mode="aspectFill" onClick={() => preview(u)} />
            ))}
          </View>
        ) : null}
        <Text className="lxq-detail__note">
          {d.anonymous ? '匿名提交，代表看不到联系方式。' : ''}
          {d.publish ? '办结后将在回音壁公开（不含姓名和联系方式）。' : '不在回音壁公开。'}
        </Text>
      </Card>

      {d.contact && (d.contact.name || d.contact.phone) ? (
        <Card title="联系方式">
          {d.contact.name ? <Text className="lxq-detail__line">联系人：{d.contact.name}</Text> : null}
          {d.contact.phone ? (
            callable ? (
              <View className="lxq-detail__line">
                <Text>电话：</Text>
                <PhoneLink phone={d.contact.phone} testId="contact-phone" />
              </View>
            ) : (
              <Text className="lxq-detail__line" data-testid="contact-phone">
                电话：{d.contact.phone}
              </Text>
            )
          ) : null}
        </Card>
      ) : null}

      {d.assignee || d.routeReason ? (
        <Card title="办理代表">
          {d.assignee ? <Text className="lxq-detail__line">{d.assignee.name} 代表</Text> : null}
          {d.routeReason ? <Text className="lxq-detail__note">{d.routeReason}</Text> : null}
        </Card>
      ) : null}

      {d.transfers.length > 0 ? (
        <Card title="交办记录">
          {d.transfers.map((t, i) => (
            <View key={`${t.at}-${i}`} className="lxq-detail__transfer">
              <Text className="lxq-detail__line">
                交办{t.department} · {formatDateTime(t.at)}
              </Text>
              <Text className="lxq-detail__note">{t.note}</Text>
            </View>
          ))}
        </Card>
      ) : null}

      {d.reply ? (
        <Card
          title="代表答复"
          extra={
            <Text className="lxq-badge lxq-badge--ok" data-testid="resolution">
              {RESOLUTION_LABELS[d.reply.resolution]}
            </Text>
          }
        >
          <Text className="lxq-text" data-testid="reply">
            {d.reply.content}
          </Text>
          <Text className="lxq-detail__note">
            办理结果：{RESOLUTION_LABELS[d.reply.resolution]} · {formatDateTime(d.reply.at)}
          </Text>
        </Card>
      ) : null}

      {d.rating ? (
        <Card title="居民评价">
          <Text className="lxq-detail__line" data-testid="rating">
            {RATING_LABELS[d.rating.value]}
          </Text>
          {d.rating.comment ? <Text className="lxq-detail__note">{d.rating.comment}</Text> : null}
        </Card>
      ) : null}

      {actions}

      <Card title="办理过程">
        <Timeline entries={d.timeline} />
      </Card>
    </View>
  );
}

interface ScreenProps {
  /** Said when the page was opened without ?id=…: where to open it from. */
  missingDescription: string;
  /** What this viewer can do now (rating, deputy actions); reload shows the result. */
  actions: (detail: AppealDetail, reload: () => Promise<void>) => ReactNode;
}

/** A whole appeal page (?id=…): loads the detail, refreshes on pull-down and when shown again. */
export function AppealDetailScreen({ missingDescription, actions }: ScreenProps) {
  const id = usePageParam('id');
  const detail = useCloud<AppealDetail>('appeal', id ? { action: 'detail', id } : null);
  const dir = useDirectory();
  usePullToRefresh(detail.reload);
  // Coming back (e.g. from a notification) shows the latest state.
  useReloadOnShow(detail.reload);

  if (!id) return <Empty title="没有找到这条诉求" description={missingDescription} />;

  return (
    <Page>
      <AsyncView data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(d) => (
          <>
            <AppealDetailView detail={d} categoryName={dir.categoryName(d.category)} communityName={dir.communityName(d.communityId)} actions={actions(d, detail.reload)} />
            <AppealLinksView appealId={d._id} />
          </>
        )}
      </AsyncView>
    </Page>
  );
}
