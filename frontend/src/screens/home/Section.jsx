// A titled block of the home page.
export function Section({ id, title, children }) {
  return (
    <section class="home-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
