// Runs only in a browser without JavaScript modules (<script nomodule>), which cannot start the
// page: it shows the page's "too old" message instead of an empty page. Old syntax on purpose.
(function () {
  var old = document.getElementById("boot-old");
  if (old) old.removeAttribute("hidden");
})();
