// The rules listed under the new-password field, ticked off while the user types.
import { checkRules } from './passwordRules.js';

const MARKS = { true: '✓', false: '•', null: '•' };

export function PasswordRules({ id, password, username }) {
  return (
    <ul id={id} class="rules">
      {checkRules(password, username).map((rule) => (
        <li key={rule.id} class={rule.met === true ? 'rule rule-met' : 'rule'}>
          <span class="rule-mark" aria-hidden="true">
            {MARKS[String(rule.met)]}
          </span>
          {rule.text}
          {rule.met === true && <span class="visually-hidden"> (đã đạt)</span>}
        </li>
      ))}
    </ul>
  );
}
