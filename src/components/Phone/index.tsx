import Taro from '@tarojs/taro';
import { Text } from '@tarojs/components';

/** Opens the phone's dialer (weapp: wx.makePhoneCall; h5: tel:). */
export function callPhone(phone: string): void {
  void Promise.resolve()
    .then(() => Taro.makePhoneCall({ phoneNumber: phone.replace(/[^\d+]/g, '') }))
    .catch(() => undefined);
}

interface Props {
  phone: string;
  /** Words before the number (e.g. 街道电话); the number itself is always shown. */
  label?: string;
  testId?: string;
}

/** A phone number shown to someone allowed to see it: tap to call. Underlined and labelled, not colour alone. */
export function PhoneLink({ phone, label, testId }: Props) {
  return (
    <Text className="lxq-phone" onClick={() => callPhone(phone)} data-testid={testId}>
      {label ? `${label} ` : ''}
      <Text className="lxq-phone__number">{phone}</Text>
      <Text className="lxq-phone__call">（点击拨打）</Text>
    </Text>
  );
}
