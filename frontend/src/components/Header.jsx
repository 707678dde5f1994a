// Site header: product name and what the product is for.
export function Header() {
  return (
    <header class="site-header">
      <div class="container">
        <h1 class="site-title">Thông suốt</h1>
        <p class="site-subtitle">
          Hệ thống theo dõi, giải quyết khó khăn, vướng mắc của xã, phường – tỉnh&nbsp;Thanh&nbsp;Hóa
        </p>
      </div>
    </header>
  );
}
