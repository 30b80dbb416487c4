import { Field } from '../../ui/form/Field.tsx';
import { DescriptionEditor } from './DescriptionEditor.tsx';

/** What a session or series is called and what it is about. */
export function TitleAndDescriptionFields(props: {
  titleLabel: string;
  titleHint: string;
  titleMaxLength: number;
  title: string;
  description: string;
  errorOf: (field: string) => string | undefined;
  onTitle: (value: string) => void;
  onDescription: (value: string) => void;
}) {
  return (
    <>
      <Field label={props.titleLabel} hint={props.titleHint} error={props.errorOf('title')}>
        {(control) => (
          <input
            {...control}
            class="field__control"
            maxLength={props.titleMaxLength}
            value={props.title}
            onInput={(e) => props.onTitle(e.currentTarget.value)}
          />
        )}
      </Field>
      <DescriptionEditor value={props.description} error={props.errorOf('description')} onInput={props.onDescription} />
    </>
  );
}
