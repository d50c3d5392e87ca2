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

// A form whose kind select is marked data-kind shows its count box
// (data-count-field) only for kinds that count persons (options marked
// data-counted), and empties it otherwise so no stray count is sent.
function syncCountField(select) {
  var form = select.form;
  var field = form && form.querySelector("[data-count-field]");
  if (!field) {
    return;
  }
  var option = select.options[select.selectedIndex];
  var counted = !!option && option.hasAttribute("data-counted");
  field.hidden = !counted;
  if (!counted) {
    var input = field.querySelector("input");
    if (input) {
      input.value = "";
    }
  }
}
document.addEventListener("change", function (e) {
  if (e.target.matches && e.target.matches("select[data-kind]")) {
    syncCountField(e.target);
  }
});
document.querySelectorAll("select[data-kind]").forEach(syncCountField);
