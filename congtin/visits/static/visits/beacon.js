// The visit counter: one beacon per page view (congtin.visits), then the figures of the
// "Thống kê truy cập" box, read at once and every minute. A file, not an inline script: the
// Content-Security-Policy allows scripts from the portal's own files only. The page's id and
// whether to count it come from the box's data-page and data-beacon attributes.
(function () {
  var box = document.getElementById("thong-ke-truy-cap");
  if (!box) return;
  var page = parseInt(box.getAttribute("data-page"), 10) || 0, count = box.getAttribute("data-beacon") === "1";
  var format = new Intl.NumberFormat("vi-VN");
  function send() {
    if (count && navigator.sendBeacon) navigator.sendBeacon("/api/v1/visit", JSON.stringify({page: page}));
  }
  if (document.prerendering) document.addEventListener("prerenderingchange", send, {once: true});
  else send();
  function refresh() {
    if (!window.fetch) return;
    fetch("/api/v1/visits" + (page ? "?page=" + page : ""), {credentials: "omit"}).then(function (r) { return r.json(); }).then(function (data) {
      document.querySelectorAll("[data-visits]").forEach(function (node) {
        var value = data[node.getAttribute("data-visits")];
        if (typeof value === "number") node.textContent = format.format(value);
      });
    }).catch(function () {});
  }
  // A page may come from the page cache: its figures are read at once, then every minute.
  refresh();
  setInterval(refresh, 60000);
})();
