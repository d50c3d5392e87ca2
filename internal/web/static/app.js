// renda pages work without this script; it only adds comfort: the phone
// menu toggle and confirmation before destructive buttons.
document.addEventListener("click", function (e) {
  var t = e.target.closest("[data-confirm]");
  if (t && !window.confirm(t.getAttribute("data-confirm"))) {
    e.preventDefault();
  }
  if (e.target.closest("[data-print]")) {
    window.print();
  }
  var toggle = e.target.closest(".nav-toggle");
  if (toggle) {
    var nav = document.getElementById(toggle.getAttribute("aria-controls"));
    var open = nav.classList.toggle("open");
    toggle.setAttribute("aria-expanded", open ? "true" : "false");
  }
});
