import Taro from '@tarojs/taro';
import { Image, Input, Text, Textarea, View } from '@tarojs/components';
import { Page } from '../../../../components/Page';
import { progressProjectInput, scoreInput } from '../../../../../contracts/ballot';
import { AsyncView } from '../../../../components/AsyncView';
import { Card } from '../../../../components/Card';
import { Empty } from '../../../../components/Empty';
import { TimelineItem } from '../../../../components/Timeline';
import { useCloud } from '../../../../hooks/useCloud';
import { useDirectory } from '../../../../hooks/useDirectory';
import { usePageParam } from '../../../../hooks/usePageParam';
import { useReloadOnShow } from '../../../../hooks/usePageLifecycle';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useDraft } from '../../../../hooks/useDraft';
import { useSubmit } from '../../../../hooks/useSubmit';
import type { WhoAmI } from '../../../../services/types';
import { imageSrc } from '../../../../services/upload';
import { confirm, toast } from '../../../../utils/confirm';
import { formatDate } from '../../../../utils/format';
import { checkInput } from '../../../../utils/validation';
import { formatWan } from '../../../../pages/ballots/ballot';
import { ProgressBar } from '../../components/Progress';
import { PROJECT_STATUS_LABEL, type Milestone, type ProjectDetail } from '../../labels';
import { Btn } from '../../../../components/Btn';
import '../../ballot.css';
import './index.css';

function Photos({ ids }: { ids: string[] }) {
  if (ids.length === 0) return null;
  const urls = ids.map(imageSrc);
  return (
    <View className="lxq-ballot-page__images">
      {urls.map((u) => (
        <Image key={u} className="lxq-ballot-page__img" src={u} mode="aspectFill" lazyLoad onClick={() => void Taro.previewImage({ current: u, urls }).catch(() => undefined)} />
      ))}
    </View>
  );
}

function Milestones({ list }: { list: Milestone[] }) {
  if (list.length === 0) return <Text className="lxq-ballot-page__muted">还没有进度记录。开工后，每一步进展都会公开在这里。</Text>;
  const newestFirst = [...list].reverse();
  return (
    <View data-testid="milestones">
      {newestFirst.map((m, i) => (
        <TimelineItem key={`${m.at}-${i}`} last={i === newestFirst.length - 1} muted={i !== 0}>
          <View className="lxq-timeline-entry__head">
            <Text className="lxq-milestone__percent">{m.percent}%</Text>
            <Text className="lxq-milestone__at">{formatDate(m.date ?? m.at ?? undefined)}</Text>
          </View>
          <Text className="lxq-milestone__text">{m.milestone}</Text>
          <Photos ids={m.photos ?? []} />
        </TimelineItem>
      ))}
    </View>
  );
}

function FollowButton({ p, onChange }: { p: ProjectDetail; onChange: () => Promise<void> }) {
  const { sending, send } = useSubmit();
  const toggle = async () => {
    const env = await send<{ following: boolean }>('project', { action: p.following ? 'unfollow' : 'follow', projectId: p._id });
    if (!env) return;
    if (!env.ok) return toast(env.error.message);
    toast(env.data.following ? '已关注，有新进度会通知您' : '已取消关注', env.data.following);
    await onChange();
  };
  return (
    <Btn tone={p.following ? 'ghost' : 'primary'} busy={sending} onClick={toggle} testId="follow">
      {p.following ? '已关注 · 取消关注' : '关注进度'}
    </Btn>
  );
}

function ScorePanel({ p, onDone }: { p: ProjectDetail; onDone: () => Promise<void> }) {
  const draft = useDraft(`lxq.draft.score.${p._id}`, { score: 0, comment: '' }, (v) => v.score === 0 && !v.comment.trim());
  const { score, comment } = draft.value;
  const setScore = (n: number) => draft.set({ score: n });
  const setComment = (c: string) => draft.set({ comment: c });
  const { sending, error, setError, busy, send } = useSubmit();
  const submit = async () => {
    if (busy()) return;
    const event = { action: 'score' as const, projectId: p._id, score, ...(comment.trim() ? { comment } : {}) };
    if (score < 1) return setError('请点星星打分（1–5 分）');
    const bad = checkInput(scoreInput, event);
    if (bad) return setError(bad);
    const env = await send('project', event);
    if (!env?.ok) return;
    draft.clear();
    toast('评分已提交', true);
    await onDone();
  };
  return (
    <Card title="人大验单：为实施效果评分">
      <View className="lxq-stars" data-testid="stars">
        {[1, 2, 3, 4, 5].map((n) => (
          <Text key={n} className={n <= score ? 'lxq-star lxq-star--on' : 'lxq-star'} onClick={() => !sending && (setScore(n), setError(null))} data-testid={`star-${n}`}>
            ★
          </Text>
        ))}
        <Text className="lxq-stars__label">{score > 0 ? `${score} 分` : '点星星打分'}</Text>
      </View>
      <Textarea className="lxq-textarea lxq-project__gap" value={comment} maxlength={300} placeholder="验收意见（选填）" disabled={sending || undefined} onInput={(e) => setComment(e.detail.value)} />
      {error ? <Text className="lxq-ballot-page__error lxq-project__error">{error}</Text> : null}
      <Btn tone="primary" block className="lxq-project__gap" disabled={sending} busy={sending} onClick={submit} testId="score-submit">
        提交评分
      </Btn>
      <Text className="lxq-ballot-page__muted lxq-project__gap">每位代表一个评分，再次提交会覆盖您之前的评分。</Text>
    </Card>
  );
}

function ProgressForm({ p, onDone }: { p: ProjectDetail; onDone: () => Promise<void> }) {
  const draft = useDraft(`lxq.draft.progress.${p._id}`, { percent: '', milestone: '' }, (v) => !v.percent.trim() && !v.milestone.trim());
  const { percent, milestone } = draft.value;
  const setPercent = (v: string) => draft.set({ percent: v });
  const setMilestone = (v: string) => draft.set({ milestone: v });
  const { sending, error, setError, busy, send } = useSubmit();
  const submit = async () => {
    if (busy()) return;
    const n = Number(percent);
    if (!/^\d{1,3}$/.test(percent.trim())) return setError('进度请填写 0–100 的整数');
    if (n < p.percent) return setError(`进度不能低于当前的 ${p.percent}%`);
    const event = { action: 'progress' as const, projectId: p._id, percent: n, milestone };
    const bad = checkInput(progressProjectInput, event);
    if (bad) return setError(bad);
    const ok = await confirm('记录进度？', `${n}%：${milestone.trim()}。记录后会公开并通知关注的居民，进度不能倒退。${n >= 100 ? '100% 即视为完工，代表可以验收评分。' : ''}`, '确认记录');
    if (!ok) return;
    const env = await send<{ notified: number }>('project', event);
    if (!env?.ok) return;
    toast(`已记录，通知 ${env.data.notified} 人`, true);
    draft.clear();
    await onDone();
  };
  return (
    <Card title="记录实施进度（工作人员）">
      <Input className="lxq-input" type="number" value={percent} placeholder={`进度百分比（当前 ${p.percent}%）`} disabled={sending || undefined} onInput={(e) => setPercent(e.detail.value)} />
      <Textarea className="lxq-textarea lxq-project__gap" value={milestone} maxlength={100} placeholder="进度说明，例如：主体工程完工，进入验收" disabled={sending || undefined} onInput={(e) => setMilestone(e.detail.value)} />
      {error ? <Text className="lxq-ballot-page__error lxq-project__error">{error}</Text> : null}
      <Btn tone="primary" block className="lxq-project__gap" disabled={sending} busy={sending} onClick={submit}>
        保存进度
      </Btn>
    </Card>
  );
}

export default function ProjectPage() {
  const id = usePageParam('id');
  const me = useCloud<WhoAmI>('user', { action: 'whoami' });
  const detail = useCloud<ProjectDetail>('project', id ? { action: 'detail', projectId: id } : null);
  const dir = useDirectory();
  usePullToRefresh(detail.reload);
  useReloadOnShow(detail.reload);

  if (!id) return <Empty title="没有找到这个项目" description="请从「项目进度」打开。" />;

  return (
    <Page>
      <AsyncView data={detail.data} error={detail.error} loading={detail.loading} onRetry={detail.reload}>
        {(p) => (
          <>
            <Card title={p.title} extra={<Text className="lxq-badge" data-testid="project-status">{PROJECT_STATUS_LABEL[p.status]}</Text>}>
              <Text className="lxq-ballot-page__desc">{p.summary}</Text>
              <View className="lxq-ballot-page__meta">
                {p.cost !== null ? <Text className="lxq-project__cost">预算 {formatWan(p.cost)}</Text> : null}
                {p.communityId ? <Text>{dir.communityName(p.communityId)}</Text> : null}
              </View>
              <Photos ids={p.images} />
            </Card>

            <Card title="实施进度" extra={<Text className="lxq-project__percent">{p.percent}%</Text>}>
              <ProgressBar percent={p.percent} />
              <View className="lxq-project__milestones">
                <Milestones list={p.milestones} />
              </View>
            </Card>

            {p.status === 'delivered' ? (
              <Card title="人大验单">
                <Text className="lxq-ballot-page__line" data-testid="delivery-score">
                  {p.deliveryScore !== null ? `代表平均评分 ${p.deliveryScore} 分（${p.scoreCount} 位代表评分）` : '暂无代表评分'}
                </Text>
              </Card>
            ) : null}

            {p.status === 'delivered' && me.data?.role === 'deputy' ? <ScorePanel p={p} onDone={detail.reload} /> : null}
            {me.data?.role === 'staff' && p.status !== 'delivered' ? <ProgressForm p={p} onDone={detail.reload} /> : null}

            <View className="lxq-actions">
              <FollowButton p={p} onChange={detail.reload} />
            </View>
            <Text className="lxq-ballot-page__muted lxq-project__tip">关注后，项目有新进度时会在「我的 → 消息」里通知您。</Text>
          </>
        )}
      </AsyncView>
    </Page>
  );
}
