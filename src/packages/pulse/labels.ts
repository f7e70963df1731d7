import type { Dimension, PulseSource } from '../../../domain/pulse/figures';
import type { PeriodKind } from '../../../domain/pulse/periods';

export const DIMENSION_LABEL: Record<Dimension, string> = { all: '全街道', community: '按社区', category: '按类别', station: '按站点', deputy: '按代表' };
export const KIND_LABEL: Record<PeriodKind, string> = { month: '月度', quarter: '季度', year: '年度' };
export const SOURCE_LABEL: Record<PulseSource, string> = { appeals: '民生诉求', mediation: '矛盾调解', activities: '站点活动', legislation: '立法意见' };
