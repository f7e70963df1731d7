import { useEffect, useState } from 'react';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { AsyncView } from '../../../../components/AsyncView';
import { Empty } from '../../../../components/Empty';
import { Page } from '../../../../components/Page';
import { useCloud } from '../../../../hooks/useCloud';
import { usePageParam } from '../../../../hooks/usePageParam';
import { formatDateTime } from '../../../../utils/format';
import { StepForm } from '../../components/StepForm';
import { FN, RESOLUTION_LABELS, type SuggestionDetail } from '../../labels';
import '../../../../styles/sheet.css';
import '../../suggestion.css';

function Detail({ id }: { id: string }) {
  const loaded = useCloud<SuggestionDetail>(FN, { action: 'detail', id });
  const [s, setS] = useState<SuggestionDetail | undefined>(undefined);
  useEffect(() => setS(loaded.data), [loaded.data]);
  return (
    <AsyncView data={s ?? loaded.data} error={loaded.error} loading={loaded.loading} onRetry={loaded.reload}>
      {(d) => (
        <>
          <View className="lxq-sheet__head" data-testid="suggestion-head">
            <Text className="lxq-badge">{d.statusLabel}</Text>
            <Text className="lxq-suggestion__title">{d.title}</Text>
            <Text className="lxq-sheet__meta">
              {`${d.proposerName}提出 · 承办：${d.department} · 汇集 ${d.appealCount} 件诉求 · 编号 `}
              <Text data-code>{d.code}</Text>
            </Text>
            <Text className="lxq-suggestion__text">{d.content}</Text>
            {d.answer ? <Text className="lxq-sheet__outcome" data-testid="suggestion-answer">{`部门答复（${d.resolution ? RESOLUTION_LABELS[d.resolution] : ''}）：${d.answer}`}</Text> : null}
            {d.implementNote ? <Text className="lxq-sheet__outcome">{`落实情况：${d.implementNote}`}</Text> : null}
          </View>
          <View className="lxq-sheet__section">
            <Text className="lxq-suggestion__label">办理进展</Text>
            {d.steps.map((st, i) => (
              <View key={`${st.at}-${i}`} className="lxq-suggestion__step" data-testid="suggestion-step">
                <Text className="lxq-suggestion__text">{`${st.label}：${st.note}`}</Text>
                <Text className="lxq-sheet__meta">{formatDateTime(st.at)}</Text>
              </View>
            ))}
          </View>
          {d.appeals ? (
            <View className="lxq-sheet__section">
              <Text className="lxq-suggestion__label">{`相关诉求（${d.appeals.length} 件）`}</Text>
              {d.appeals.map((a) => (
                <Text key={a._id} className="lxq-suggestion__text" onClick={() => Taro.navigateTo({ url: `/pages/appeal-detail/index?id=${encodeURIComponent(a._id)}` })}>{`${a.trackingNo} ${a.summary}（${a.statusLabel}）`}</Text>
              ))}
            </View>
          ) : null}
          {d.nextStep ? <StepForm key={d.nextStep} s={d} step={d.nextStep} onDone={setS} /> : null}
        </>
      )}
    </AsyncView>
  );
}

/** One 代表建议: what it asks, of whom, and each dated step (交办 → 答复 → 落实); its deputy or staff take the next step. */
export default function SuggestionPage() {
  const id = usePageParam('id');
  return <Page>{id ? <Detail id={id} /> : <Empty title="没有找到这条代表建议" description="请从代表建议列表进入。" />}</Page>;
}
