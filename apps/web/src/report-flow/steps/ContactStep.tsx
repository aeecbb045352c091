import { Show } from 'solid-js';
import type { Category } from '@groundswell/core/rules';
import { t } from '../../i18n/index.ts';
import { TextField } from '../../ui/Field.tsx';
import { clearError, draft, setDraft } from '../draft.ts';

/** Step 7: contact details, required as the category says, with who sees them said plainly. */
export function ContactStep(props: { category: Category }) {
  const req = () => props.category.contactRequired;
  const set = (key: 'name' | 'email' | 'phone') => (value: string) => {
    setDraft('contact', key, value);
    clearError(`contact.${key}`);
  };
  return (
    <div class="step step-contact">
      <p class="privacy">
        <svg viewBox="0 0 24 24" class="privacy-icon" aria-hidden="true">
          <path d="M6 10V8a6 6 0 0 1 12 0v2M5 10h14v11H5zM12 14v3" />
        </svg>
        <span>
          <strong>{t().flow.contact.privacy}</strong> {t().flow.contact.why}
        </span>
      </p>
      <TextField
        id="contact-name"
        label={t().flow.contact.name}
        autocomplete="name"
        value={draft.contact.name}
        onInput={set('name')}
        error={draft.errors['contact.name']}
        required={req().name}
        maxLength={200}
      />
      <TextField
        id="contact-email"
        label={t().flow.contact.email}
        type="email"
        inputmode="email"
        autocomplete="email"
        value={draft.contact.email}
        onInput={set('email')}
        error={draft.errors['contact.email']}
        required={req().email}
      />
      <TextField
        id="contact-phone"
        label={t().flow.contact.phone}
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        value={draft.contact.phone}
        onInput={set('phone')}
        error={draft.errors['contact.phone']}
        required={req().phone}
      />
      <div class="field checkbox-field">
        <label class="choice">
          <input type="checkbox" id="contact-show-name" checked={draft.showName} aria-describedby="contact-show-name-hint" onChange={(e) => setDraft('showName', e.currentTarget.checked)} />
          <span>{t().flow.contact.showName}</span>
        </label>
        <p class="field-hint" id="contact-show-name-hint">
          {t().flow.contact.showNameHint}
        </p>
      </div>
      <Show when={draft.showName && !draft.contact.name.trim()}>
        <p class="field-hint">{t().flow.contact.nameRequired}</p>
      </Show>
    </div>
  );
}
