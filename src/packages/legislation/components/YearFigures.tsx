import { Text, View } from '@tarojs/components';
import type { LegislativeYear } from '../../../../contracts/legislation';
import { chinaYear } from '../../../../domain/time';
import { useCloud } from '../../../hooks/useCloud';
import { now } from '../../../services/clock';
import { FN } from '../labels';

/** Last year's figures of the 基层立法联系点 (the 晴雨表 reads the same query). */
export function YearFigures() {
  const year = chinaYear(now()) - 1;
  const f = useCloud<LegislativeYear>(FN, { action: 'yearFigures', year });
  if (!f.data) return null;
  const d = f.data;
  return (
    <View className="lxq-sheet__head" data-testid="year-figures">
      <Text className="lxq-legislation__summary">{`${year}年：征求意见稿 ${d.draftsConsulted} 件，收集意见 ${d.opinionsCollected} 条，报送 ${d.submitted} 条，全部采纳 ${d.adopted} 条、部分采纳 ${d.partiallyAdopted} 条`}</Text>
      <Text className="lxq-sheet__meta">{`意见最多的联系点：${d.byPoint.slice(0, 3).map((p) => `${p.pointName} ${p.collected} 条`).join('，') || '暂无'}`}</Text>
    </View>
  );
}
