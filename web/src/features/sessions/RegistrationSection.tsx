import type { SessionVisibility } from '@serambi/shared';
import { produce } from 'solid-js/store';
import { useI18n } from '../../i18n/I18nProvider.tsx';
import { FormSection } from '../../ui/form/FormSection.tsx';
import { AudienceFields } from './AudienceFields.tsx';
import { QuestionsBuilder } from './QuestionsBuilder.tsx';
import { newQuestionDraft, type QuestionDraft } from './question-drafts.ts';

/** The part of a session or series form that says who may register and what they are asked. */
export interface RegistrationValues {
  capacity: string;
  visibility: SessionVisibility;
  questions: QuestionDraft[];
}

/** The registration card of the session and series editors: seats, visibility and questions. */
export function RegistrationSection(props: {
  values: RegistrationValues;
  errorOf: (path: string) => string | undefined;
  onCapacity: (value: string) => void;
  onVisibility: (value: SessionVisibility) => void;
  /** Applies a change to the question list, e.g. `(update) => setValues('questions', update)`. */
  updateQuestions: (update: (list: QuestionDraft[]) => QuestionDraft[]) => void;
  /** A question's field was edited, by its dotted path ("questions.0.label"). */
  onQuestionEdited: (path: string) => void;
}) {
  const { t } = useI18n();
  return (
    <FormSection heading={t('editor.registrationHeading')}>
      <AudienceFields
        capacity={props.values.capacity}
        visibility={props.values.visibility}
        errorOf={props.errorOf}
        onCapacity={props.onCapacity}
        onVisibility={props.onVisibility}
      />
      <QuestionsBuilder
        questions={props.values.questions}
        errorOf={props.errorOf}
        onAdd={() => props.updateQuestions((list) => [...list, newQuestionDraft()])}
        onRemove={(index) => props.updateQuestions((list) => list.filter((_, i) => i !== index))}
        onMove={(index, by) =>
          props.updateQuestions(
            produce((list) => {
              const [moved] = list.splice(index, 1);
              if (moved) list.splice(index + by, 0, moved);
            }),
          )
        }
        onChange={(index, field, value) => {
          props.updateQuestions(
            produce((list) => {
              const question = list[index];
              if (question) question[field] = value;
            }),
          );
          props.onQuestionEdited(`questions.${index}.${String(field)}`);
        }}
      />
    </FormSection>
  );
}
