// Links to the screens that exist for this user, each with a line saying what it is for.
import { Link } from '../../router.js';
import { Section } from './Section.jsx';

export function QuickLinks({ title = 'Lối tắt', links }) {
  return (
    <Section id="quick-links" title={title}>
      <ul class="link-cards">
        {links.map((l) => (
          <li key={l.href}>
            <Link href={l.href} class="link-card">
              <span class="link-card-title">{l.label}</span>
              <span class="link-card-text">{l.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </Section>
  );
}
