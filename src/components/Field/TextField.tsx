import { Input, Textarea } from '@tarojs/components';
import { Field, type FieldProps } from './index';

interface Props extends Omit<FieldProps, 'children'> {
  /** A Textarea instead of a one-line Input. */
  multiline?: boolean;
  type?: 'digit';
  value: string;
  maxlength?: number;
  placeholder?: string;
  /** A call is under way: the control is disabled. */
  sending: boolean;
  onInput: (e: { detail: { value: string } }) => void;
  inputTestId?: string;
}

/** A Field holding one text control (lxq-input / lxq-textarea), disabled while the form is sending. */
export function TextField({ multiline = false, type, value, maxlength, placeholder, sending, onInput, inputTestId, ...field }: Props) {
  // Only the attributes given: an absent maxlength keeps the platform's default.
  const control = {
    value,
    ...(maxlength !== undefined ? { maxlength } : {}),
    ...(placeholder !== undefined ? { placeholder } : {}),
    disabled: sending || undefined,
    onInput,
    ...(inputTestId !== undefined ? { 'data-testid': inputTestId } : {}),
  };
  return (
    <Field {...field}>{multiline ? <Textarea className="lxq-textarea" {...control} /> : <Input className="lxq-input" {...(type ? { type } : {})} {...control} />}</Field>
  );
}
