// Progressive enhancement only: every page works without this file.
(function () {
  // Filter the rows of a table by the text typed into its filter box.
  document.querySelectorAll('[data-filter-for]').forEach(function (input) {
    var table = document.getElementById(input.getAttribute('data-filter-for'));
    if (!table) return;
    input.addEventListener('input', function () {
      var q = input.value.trim().toLowerCase();
      table.querySelectorAll('tbody tr').forEach(function (tr) {
        tr.hidden = q !== '' && tr.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  });
})();
