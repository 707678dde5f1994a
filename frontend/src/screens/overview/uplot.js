// uPlot (MIT, https://github.com/leeoniya/uPlot) and its stylesheet as one chunk of their own:
// Chart.jsx imports this module dynamically, so only a page that draws a chart downloads it.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export default uPlot;
