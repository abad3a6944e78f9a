"""folium/branca elements of the claims map: the claim layer's wiring, legend and title.

Imported only by :mod:`frontmap.render` functions (folium is heavy).  Each element
is a ``MacroElement`` with a Jinja template; data reaches the page only through
``|tojson`` (which escapes ``<``, ``>``, ``&`` and ``'``) and every string in the
data was ``html.escape``-d in :mod:`frontmap.render._features`.
"""

from __future__ import annotations

from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.plugins.timeline import Timeline
from folium.template import Template

# Browser-side helpers, shared by every map on a page.  Strings in st.S are
# already HTML-escaped, so concatenating them into popup HTML is safe.
_HELPERS_JS = r"""
(function () {
  var FM = window.frontmap = window.frontmap || {maps: {}};
  function s(st, i) { return (i === undefined || i < 0) ? '' : st.S[i]; }
  FM.pointToLayer = function (key) {
    var st = FM.maps[key];
    return function (f, ll) {
      var p = f.properties;
      if (p.k === 'm') {
        return L.circleMarker(ll, {radius: 3, color: st.mention, weight: 1, opacity: 0.6,
                                   fillColor: st.mention, fillOpacity: 0.3, pane: 'fm-soft'});
      }
      var col = st.colors[p.sc || p.s] || st.colors['none'];
      var hedged = p.h === 1;
      var o = {color: p.x ? '#111111' : col, weight: p.x ? 3 : 1.5, fillColor: col,
               opacity: hedged ? 0.7 : 1, fillOpacity: hedged ? 0.3 : 0.8};
      if (hedged) { o.dashArray = '3 3'; }
      if (p.k === 'u') { o.dashArray = '1 4'; }
      o.pane = (p.r || p.k !== 'c' || hedged) ? 'fm-soft' : 'fm-firm';
      var shape;
      if (p.r) {
        o.radius = p.r; o.fillOpacity = (hedged ? 0.06 : 0.16) / Math.sqrt(p.o || 1); o.weight = p.x ? 3 : 1;
        shape = L.circle(ll, o);
      } else {
        o.radius = 5 + Math.min(9, 2.2 * Math.sqrt(Math.max(0, p.n - 1)));
        shape = L.circleMarker(ll, o);
      }
      if (p.n > 1 && st.labels) {
        var label = L.marker(ll, {interactive: false, keyboard: false,
          icon: L.divIcon({className: 'fm-n', html: String(p.n), iconSize: [24, 14], iconAnchor: [12, 7]})});
        return L.featureGroup([shape, label]);
      }
      return shape;
    };
  };
  function any(on, prefix, v) {  // v: one value or (aggregated markers) a list
    if (!Array.isArray(v)) { return !!on[prefix + v]; }
    for (var i = 0; i < v.length; i++) { if (on[prefix + v[i]]) { return true; } }
    return false;
  }
  FM.filter = function (key) {
    var st = FM.maps[key];
    return function (f) {
      var p = f.properties, on = st.on;
      if (p.k === 'm') { return !!on['k:m']; }
      if (p.k === 'u' && !on['k:u']) { return false; }
      return any(on, 's:', p.s) && any(on, 'e:', p.e) && any(on, 'c:', p.c);
    };
  };
  FM.popup = function (st, p) {
    var h = '<div class="fm-pop"><div class="fm-place">' + s(st, p.pl);
    if (p.pw >= 0 && st.S[p.pw] !== st.S[p.pl]) { h += ' <span class="fm-muted">(&ldquo;' + s(st, p.pw) + '&rdquo;)</span>'; }
    h += '</div>';
    if (p.k === 'm') {
      h += '<div class="fm-muted">Place mention, not a control claim &middot; ' + p.m + ' mention(s)</div>';
    } else {
      h += '<table class="fm-kv">';
      if (p.sum >= 0) {
        h += '<tr><th>Claims</th><td>' + s(st, p.sum) + (p.x ? ' <b class="fm-contested">contested</b>' : '') + '</td></tr>';
        h += '<tr><th>Event dates</th><td>' + s(st, p.d) + ' (' + s(st, p.dp) + ')</td></tr>';
      } else {
        h += '<tr><th>Event</th><td>' + p.e + (p.h === 1 ? ' <i>(hedged)</i>' : '') + '</td></tr>';
        h += '<tr><th>Controller</th><td>' + (p.ct >= 0 ? s(st, p.ct) : 'not stated') + (p.x ? ' <b class="fm-contested">contested</b>' : '') + '</td></tr>';
        h += '<tr><th>Event date</th><td>' + (p.d >= 0 ? s(st, p.d) : 'undated') + (p.dp >= 0 ? ' (' + s(st, p.dp) + ')' : '') + '</td></tr>';
      }
      h += '<tr><th>Location</th><td>' + (p.r ? 'area only (about ' + Math.round(p.r / 1000) + ' km)' : 'point') + '</td></tr>';
      h += '<tr><th>Sources</th><td>' + p.n + (p.m > p.n ? ' (' + p.m + ' reports)' : '') + '</td></tr>';
      h += '</table>';
    }
    for (var i = 0; i < p.src.length; i++) {
      var r = p.src[i];
      if (i === 1) { h += '<div class="fm-other">' + (p.sum >= 0 ? 'More reports here:' : 'Other sources for the same claim:') + '</div>'; }
      h += '<div class="fm-src' + (i > 0 ? ' fm-src-other' : '') + '">';
      if (r[0] >= 0) { h += '<b>' + s(st, r[0]) + '</b>' + (r[1] >= 0 ? ' <span class="fm-muted">' + s(st, r[1]) + '</span>' : '') + (r[5] ? ' <i>hedged</i>' : '') + '<br>'; }
      if (r[4] >= 0) { h += '<blockquote>' + s(st, r[4]) + '</blockquote>'; }
      var art = r[2] >= 0 ? s(st, r[2]) : 'article';
      h += r[3] >= 0 ? '<a href="' + s(st, r[3]) + '" target="_blank" rel="noopener noreferrer nofollow">' + art + '</a>' : art;
      if (r[6] >= 0) { h += ' <span class="fm-muted">published ' + s(st, r[6]) + '</span>'; }
      h += '</div>';
    }
    var more = p.m - p.src.length;
    if (more > 0 && p.k !== 'm') { h += '<div class="fm-muted">&hellip; and ' + more + ' more report(s)</div>'; }
    return h + '</div>';
  };
  FM.bind = function (key) {
    var st = FM.maps[key];
    return function (f, layer) {
      var p = f.properties;
      layer.bindPopup(function () { return FM.popup(st, p); }, {maxWidth: 380, maxHeight: 360, autoPanPaddingTopLeft: [60, 80], autoPanPaddingBottomRight: [40, 120]});
      layer.bindTooltip(s(st, p.pl) + (p.k === 'm' ? ' (mention)' : ' &middot; ' + p.e + (p.s && p.s !== 'none' ? ' &middot; ' + p.s : '')
                        + (p.n > 1 ? ' &middot; ' + p.n + ' sources' : '')), {sticky: true});
    };
  };
  FM.refresh = function (key) {
    var st = FM.maps[key];
    st.timeline.clearLayers();
    st.timeline.updateDisplayedLayers();
  };
  FM.visible = function (key) {
    var st = FM.maps[key || Object.keys(FM.maps)[0]];
    return st.timeline.getLayers().length;
  };
})();
"""

_CSS = """
.leaflet-container {background: #dbe6ee; font: 12px/1.4 system-ui, "Helvetica Neue", Arial, sans-serif;}
.leaflet-control-layers label, .leaflet-control-attribution, .leaflet-timeline-control output {font-size: 12px;}
.fm-pop {font: 12px/1.35 system-ui, sans-serif; max-width: 360px;}
.fm-place {font-weight: 600; font-size: 14px; margin-bottom: 3px;}
.fm-muted {color: #666;}
.fm-kv th {text-align: left; padding-right: 8px; color: #555; font-weight: 500; vertical-align: top;}
.fm-kv {margin-bottom: 4px;}
.fm-pop blockquote {margin: 3px 0 3px 0; padding-left: 7px; border-left: 3px solid #bbb; color: #222; white-space: pre-wrap;}
.fm-src {margin-top: 5px;}
.fm-src-other {font-size: 11px;}
.fm-other {margin-top: 7px; font-weight: 600; border-top: 1px solid #ddd; padding-top: 4px;}
.fm-contested {color: #111; background: #ffe082; padding: 0 3px; border-radius: 2px;}
.fm-n {color: #fff; font: bold 10px/14px sans-serif; text-align: center; text-shadow: 0 0 2px #000, 0 0 1px #000;}
.fm-legend {background: rgba(255,255,255,0.92); padding: 6px 9px; border-radius: 5px; box-shadow: 0 1px 5px rgba(0,0,0,0.4);
            font: 11px/1.4 system-ui, sans-serif; max-width: 230px;}
.fm-legend h4 {margin: 4px 0 2px 0; font-size: 11px; text-transform: uppercase; color: #444;}
.fm-legend .fm-sw {display: inline-block; width: 12px; height: 12px; border-radius: 50%; margin-right: 5px; vertical-align: -2px;}
.fm-legend .fm-line {display: inline-block; width: 18px; height: 0; border-top: 3px solid #111; margin-right: 5px; vertical-align: 3px;}
.fm-title {position: absolute; top: 10px; left: 50%; transform: translateX(-50%); z-index: 800; pointer-events: none;
           background: rgba(255,255,255,0.9); padding: 4px 12px; border-radius: 5px; box-shadow: 0 1px 5px rgba(0,0,0,0.3);
           font: 600 15px/1.3 system-ui, sans-serif; text-align: center; max-width: 60%;}
.fm-title small {display: block; font-weight: 400; font-size: 11px; color: #555;}
.leaflet-control-layers-list {max-height: 70vh; overflow-y: auto;}
"""


class ClaimLayers(JSCSSMixin, MacroElement):
    """Wires the claim ``Timeline`` to its filter toggles, slider and popups.

    Parameters
    ----------
    key
        Identifier of this map's state in ``window.frontmap.maps``.
    state
        JSON-able state: escaped string table ``S``, colours, initial filter flags.
    timeline, slider
        The folium ``Timeline`` and (optional) ``TimelineSlider``.
    toggles
        Filter key (``"s:RU"``, ``"e:capture"``, ``"c:media"``, ``"k:m"``) -> empty
        ``FeatureGroup`` whose checkbox in the layer control switches that filter.
    initial_ms
        Time (epoch ms) the map opens at.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        <script>{{ this.helpers }}</script>
        <script>
          window.frontmap = window.frontmap || {maps: {}};
          window.frontmap.maps[{{ this.key|tojson }}] = {{ this.state|tojson }};
        </script>
        {% endmacro %}

        {% macro script(this, kwargs) %}
        (function () {
          var st = window.frontmap.maps[{{ this.key|tojson }}];
          st.timeline = {{ this.timeline.get_name() }};
          {%- if this.slider is not none %}
          st.slider = {{ this.slider.get_name() }};
          {%- endif %}
          var toggles = {
            {%- for k, fg in this.toggles.items() %}
            {{ k|tojson }}: {{ fg.get_name() }},
            {%- endfor %}
          };
          var map = {{ this._parent.get_name() }};
          map.on('overlayadd overlayremove', function (e) {
            for (var k in toggles) {
              if (toggles[k] === e.layer) {
                st.on[k] = (e.type === 'overlayadd');
                window.frontmap.refresh({{ this.key|tojson }});
              }
            }
          });
          var t0 = {{ this.initial_ms|tojson }};
          if (st.slider) { st.slider.setTime(t0); } else { st.timeline.setTime(t0); }
          window.frontmap.refresh({{ this.key|tojson }});
        })();
        {% endmacro %}
        """
    )

    # L.timeline is needed even when there is no slider (all claims on one day)
    default_js = list(Timeline.default_js)

    def __init__(self, key: str, state: dict[str, Any], timeline: Any, slider: Any, toggles: dict[str, Any], initial_ms: int):
        super().__init__()
        self._name = "ClaimLayers"
        self.key = key
        self.state = state
        self.timeline = timeline
        self.slider = slider
        self.toggles = toggles
        self.initial_ms = initial_ms
        self.css = _CSS
        self.helpers = _HELPERS_JS


class Legend(MacroElement):
    """A categorical legend drawn as a Leaflet control.

    ``sections`` is a list of ``(heading, [(swatch_kind, style, label), ...])``;
    every label is escaped by the template (``|e``).
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="fm-legend" role="region" aria-label="Legend">
          {%- for heading, items in this.sections %}
          <h4>{{ heading|e }}</h4>
          {%- for kind, style, label in items %}
          <div>{% if kind == 'line' %}<span class="fm-line" style="{{ style|e }}"></span>{% else %}<span class="fm-sw" style="{{ style|e }}"></span>{% endif %}{{ label|e }}</div>
          {%- endfor %}
          {%- endfor %}
        </div>
        {% endmacro %}

        {% macro script(this, kwargs) %}
        (function () {
          var el = document.getElementById({{ this.get_name()|tojson }});
          var ctl = L.control({position: {{ this.position|tojson }}});
          ctl.onAdd = function () { L.DomEvent.disableClickPropagation(el); L.DomEvent.disableScrollPropagation(el); return el; };
          ctl.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
        """
    )

    def __init__(self, sections: list[tuple[str, list[tuple[str, str, str]]]], position: str = "topleft"):
        super().__init__()
        self._name = "Legend"
        self.sections = sections
        self.position = position


class MapTitle(MacroElement):
    """Title, subtitle (date range, counts) and data attribution, all escaped."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        (function () {
          var map = {{ this._parent.get_name() }};
          var el = L.DomUtil.create('div', 'fm-title', map.getContainer());
          var t = document.createElement('span');
          t.textContent = {{ this.title|tojson }};
          el.appendChild(t);
          {%- if this.subtitle %}
          var sub = document.createElement('small');
          sub.textContent = {{ this.subtitle|tojson }};
          el.appendChild(sub);
          {%- endif %}
          document.title = {{ this.title|tojson }};
          {%- for a in this.attributions %}
          map.attributionControl.addAttribution({{ a|tojson }});
          {%- endfor %}
        })();
        {% endmacro %}
        """
    )

    def __init__(self, title: str, subtitle: str | None, attributions: list[str]):
        super().__init__()
        self._name = "MapTitle"
        self.title = title
        self.subtitle = subtitle
        self.attributions = attributions  # trusted HTML written by frontmap, never data
