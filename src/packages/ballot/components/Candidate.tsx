import Taro from '@tarojs/taro';
import { Image, Text, View } from '@tarojs/components';
import type { Candidate } from '../../../../contracts/ballot';
import { formatWan } from '../../../pages/ballots/ballot';
import { imageSrc } from '../../../services/upload';
import './Candidate.css';

interface Props {
  c: Candidate;
  communityName?: string;
  /** undefined = not selectable (read only). */
  selected?: boolean;
  /** Marked as chosen in my (final) vote. */
  voted?: boolean;
  disabled?: boolean;
  onToggle?: () => void;
}

/** One candidate project: title, summary, cost, community, photos; tappable when voting. */
export function CandidateCard({ c, communityName, selected, voted, disabled, onToggle }: Props) {
  const selectable = selected !== undefined && !!onToggle;
  const urls = (c.images ?? []).map(imageSrc);
  const cls = ['lxq-candidate', selected ? 'lxq-candidate--on' : '', voted ? 'lxq-candidate--voted' : '', disabled ? 'lxq-candidate--disabled' : ''].filter(Boolean).join(' ');
  return (
    <View className={cls} onClick={() => selectable && !disabled && onToggle!()} data-testid="candidate" data-selected={selected ? 'true' : 'false'}>
      <View className="lxq-candidate__head">
        {selectable || voted ? <View className={selected || voted ? 'lxq-candidate__box lxq-candidate__box--on' : 'lxq-candidate__box'}>{selected || voted ? '✓' : ''}</View> : null}
        <Text className="lxq-candidate__title">{c.title}</Text>
      </View>
      <Text className="lxq-candidate__summary">{c.summary}</Text>
      <View className="lxq-candidate__meta">
        {typeof c.cost === 'number' ? <Text className="lxq-candidate__cost">预算 {formatWan(c.cost)}</Text> : null}
        {communityName ? <Text className="lxq-candidate__where">{communityName}</Text> : null}
        {voted ? <Text className="lxq-badge lxq-badge--ok">我的选择</Text> : null}
      </View>
      {urls.length > 0 ? (
        <View className="lxq-candidate__images">
          {urls.slice(0, 3).map((u) => (
            <Image
              key={u}
              className="lxq-candidate__img"
              src={u}
              mode="aspectFill"
              lazyLoad
              onClick={(e) => {
                e.stopPropagation();
                void Taro.previewImage({ current: u, urls }).catch(() => undefined);
              }}
            />
          ))}
        </View>
      ) : null}
    </View>
  );
}
