// The change-log page's entry: picks the view the address asks for. Each view lives in a file of
// its own (list.js, change.js, history.js, sources.js) and reads the JSON API of the same origin.
'use strict';

(function () {
  var pw = window.procwatch;
  var params = new URLSearchParams(window.location.search);
  if (params.get('change')) pw.showChange(params.get('change'));
  else if (params.get('document')) pw.showHistory(params);
  else if (params.get('view') === 'sources') pw.showSources();
  else pw.showList(params);
})();
