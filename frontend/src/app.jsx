// The page frame shared by every screen: skip link, header, main, footer.
// Only the home screen exists for now; routing comes with the second screen.
import { Header } from './components/Header.jsx';
import { HomeScreen } from './screens/home/HomeScreen.jsx';

export function App() {
  return (
    <>
      <a class="skip-link" href="#main">Bỏ qua, đến nội dung chính</a>
      <Header />
      <main id="main" class="site-main container" tabIndex={-1}>
        <HomeScreen />
      </main>
      <footer class="site-footer">
        <div class="container">Ủy ban nhân dân tỉnh Thanh Hóa · Hệ thống Thông suốt</div>
      </footer>
    </>
  );
}
