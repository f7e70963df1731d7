// Words, routes and small views shared by the 立法意见征询 pages (legislation subpackage only).
import { Text, View } from '@tarojs/components';
import type { CommentItem, DraftSummary } from '../../../contracts/legislation';
import { ADOPTION_LABELS, type Adoption, type AdoptionRollup, type DraftStatus } from '../../../domain/legislation/adoption';
import { formatDateTime } from '../../utils/format';
import { Btn } from '../../components/Btn';

export type { CommentItem, DraftDetail, DraftSummary } from '../../../contracts/legislation';
export { ADOPTION_LABELS, type Adoption } from '../../../domain/legislation/adoption';

export const FN = 'legislation';

export const ROUTES = {
  drafts: '/packages/legislation/pages/drafts/index',
  draft: '/packages/legislation/pages/draft/index',
  mine: '/packages/legislation/pages/mine/index',
  review: '/packages/legislation/pages/review/index',
  record: '/packages/legislation/pages/record/index',
};

export const DRAFT_STATUS_LABEL: Record<DraftStatus, string> = {
  upcoming: '即将开始',
  consulting: '征求意见中',
  closed: '征求意见已结束',
};

const STATUS_TONE: Record<DraftStatus, string> = {
  upcoming: 'lxq-badge lxq-badge--warn',
  consulting: 'lxq-badge lxq-badge--ok',
  closed: 'lxq-badge',
};

const ADOPTION_TONE: Record<Adoption, string> = {
  pending: 'lxq-badge lxq-badge--warn',
  adopted: 'lxq-badge lxq-badge--ok',
  partially_adopted: 'lxq-badge lxq-badge--ok',
  not_adopted: 'lxq-badge',
};

/** "已收到 N 条意见，采纳 a 条、部分采纳 p 条" (or that none came in yet). */
export function rollupLine(r: AdoptionRollup): string {
  if (r.total === 0) return '还没有收到意见';
  return `已收到 ${r.total} 条意见，采纳 ${r.adopted} 条、部分采纳 ${r.partially_adopted} 条`;
}

/** When it opens / closes, worded for the draft's status. */
export function periodLine(d: Pick<DraftSummary, 'status' | 'opensAt' | 'closesAt'>): string {
  if (d.status === 'upcoming') return `${formatDateTime(d.opensAt)} 开始征求意见`;
  if (d.status === 'consulting') return `${formatDateTime(d.closesAt)} 截止`;
  return `已于 ${formatDateTime(d.closesAt)} 截止`;
}

export function StatusChip({ status }: { status: DraftStatus }) {
  return (
    <Text className={STATUS_TONE[status]} data-testid="draft-status">
      {DRAFT_STATUS_LABEL[status]}
    </Text>
  );
}

/** Status, period, title, summary and the comment rollup: a draft in the list and at the top of its page. */
export function DraftHead({ draft, rollupClass, rollupTestId }: { draft: DraftSummary; rollupClass: string; rollupTestId: string }) {
  return (
    <>
      <View className="lxq-legislation__row">
        <StatusChip status={draft.status} />
        <Text className="lxq-sheet__meta">{periodLine(draft)}</Text>
      </View>
      <Text className="lxq-legislation__title">《{draft.title}》</Text>
      {draft.issuingBody ? <Text className="lxq-sheet__meta">{`${draft.issuingBody}征求意见 · 街道基层立法联系点收集${draft.submittedAt ? ` · ${formatDateTime(draft.submittedAt)} 已汇总报送` : ''}`}</Text> : null}
      <Text className="lxq-legislation__summary">{draft.summary}</Text>
      <Text className={rollupClass} data-testid={rollupTestId}>
        {rollupLine(draft.rollup)}
      </Text>
    </>
  );
}

export function AdoptionChip({ adoption }: { adoption: Adoption }) {
  return (
    <Text className={ADOPTION_TONE[adoption]} data-testid="adoption">
      {ADOPTION_LABELS[adoption] ?? adoption}
    </Text>
  );
}

interface CommentProps {
  item: CommentItem;
  /** 第四条 大型犬 / 整体意见. */
  where?: string;
  onClick?: () => void;
}

/** One of my comments: where it was made, what I wrote, the decision and the reason once decided. */
export function MyComment({ item, where, onClick }: CommentProps) {
  return (
    <View className="lxq-legislation__comment" onClick={onClick} hoverClass={onClick ? 'lxq-legislation__comment--hover' : 'none'} data-testid="my-comment">
      <View className="lxq-legislation__row">
        <Text className="lxq-legislation__where">{where ?? ''}</Text>
        <AdoptionChip adoption={item.adoption} />
      </View>
      <Text className="lxq-legislation__content">{item.content}</Text>
      <Text className="lxq-sheet__meta">{formatDateTime(item.createdAt)} 提交</Text>
      {item.adoption !== 'pending' && item.adoptionReason ? (
        <View className="lxq-legislation__reply" data-testid="adoption-reason">
          <Text className="lxq-legislation__reply-head">
            答复：{ADOPTION_LABELS[item.adoption]}
            {item.decidedAt ? ` · ${formatDateTime(item.decidedAt)}` : ''}
          </Text>
          <Text className="lxq-legislation__reply-text">{item.adoptionReason}</Text>
        </View>
      ) : item.adoption === 'pending' ? (
        <Text className="lxq-sheet__meta">工作人员研究后会在这里答复是否采纳及理由。</Text>
      ) : null}
    </View>
  );
}

export function sectionName(sections: { _id: string; title: string }[] | undefined, sectionId: string | null): string {
  if (!sectionId) return '整体意见';
  return sections?.find((s) => s._id === sectionId)?.title ?? '条款意见';
}

interface FormEndProps {
  /** What went wrong with the last try (shown above the buttons). */
  error: string | null;
  sending: boolean;
  cancelText: string;
  submitText: string;
  onCancel: () => void;
  onSubmit: () => void;
  /** 'comment' → comment-error, comment-cancel, comment-submit. */
  testPrefix: string;
}

/** The foot of an inline form: its error, then cancel and submit. */
export function FormEnd({ error, sending, cancelText, submitText, onCancel, onSubmit, testPrefix }: FormEndProps) {
  return (
    <>
      {error ? (
        <Text className="lxq-legislation__error" data-testid={`${testPrefix}-error`}>
          {error}
        </Text>
      ) : null}
      <View className="lxq-legislation__buttons">
        <Btn tone="ghost" size="small" disabled={sending} onClick={onCancel} testId={`${testPrefix}-cancel`}>
          {cancelText}
        </Btn>
        <Btn tone="primary" size="small" disabled={sending} busy={sending} onClick={onSubmit} testId={`${testPrefix}-submit`}>
          {submitText}
        </Btn>
      </View>
    </>
  );
}
