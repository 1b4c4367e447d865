"""Draws the diagram section (BPMN DI) of a .bpmn file as SVG, independently
of flowcut, to look at an exported layout without a BPMN modeller:
pools and lanes as bands, tasks as rounded boxes, gateways as diamonds,
events as circles, sequence flows along their waypoints.

    python3 benchmarks/bpmn_di_preview.py MODEL.bpmn > preview.svg
"""
import sys
import xml.etree.ElementTree as ET
from xml.sax.saxutils import escape

NS = {"bpmn": "http://www.omg.org/spec/BPMN/20100524/MODEL",
      "bpmndi": "http://www.omg.org/spec/BPMN/20100524/DI",
      "dc": "http://www.omg.org/spec/DD/20100524/DC",
      "di": "http://www.omg.org/spec/DD/20100524/DI"}

root = ET.parse(sys.argv[1]).getroot()
kind, name = {}, {}
for el in root.iter():
    if "id" in el.attrib:
        kind[el.attrib["id"]] = el.tag.split("}")[-1]
        name[el.attrib["id"]] = el.attrib.get("name", "")
out, W, H = [], 0, 0
for s in root.iter("{%s}BPMNShape" % NS["bpmndi"]):
    b = s.find("dc:Bounds", NS)
    x, y, w, h = (float(b.attrib[k]) for k in ("x", "y", "width", "height"))
    W, H = max(W, x + w), max(H, y + h)
    k, n = kind.get(s.attrib["bpmnElement"], ""), escape(name.get(s.attrib["bpmnElement"], ""))
    if k in ("participant", "lane"):
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="none" stroke="#555"/>')
        out.append(f'<text x="{x + 12}" y="{y + h / 2}" font-size="10" transform="rotate(-90 {x + 12} {y + h / 2})" text-anchor="middle">{n[:40]}</text>')
    elif k.endswith("Gateway"):
        cx, cy = x + w / 2, y + h / 2
        mark = {"exclusiveGateway": "X", "parallelGateway": "+", "inclusiveGateway": "O"}.get(k, "?")
        out.append(f'<polygon points="{cx},{y} {x + w},{cy} {cx},{y + h} {x},{cy}" fill="#fff8e1" stroke="#333"/><text x="{cx}" y="{cy + 5}" text-anchor="middle" font-size="14">{mark}</text>')
    elif k.endswith("Event"):
        out.append(f'<circle cx="{x + w / 2}" cy="{y + h / 2}" r="{w / 2}" fill="#fff" stroke="#333" stroke-width="{3 if k == "endEvent" else 1}"/>')
    else:
        out.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" rx="8" fill="#e8f5e9" stroke="#333"/>')
        out.append(f'<text x="{x + w / 2}" y="{y + h / 2}" text-anchor="middle" font-size="9">{n[:22]}</text>')
for e in root.iter("{%s}BPMNEdge" % NS["bpmndi"]):
    pts = " ".join(f'{p.attrib["x"]},{p.attrib["y"]}' for p in e.findall("di:waypoint", NS))
    out.append(f'<polyline points="{pts}" fill="none" stroke="#1565c0" marker-end="url(#a)"/>')
print(f'<svg xmlns="http://www.w3.org/2000/svg" width="{W + 10}" height="{H + 10}" font-family="sans-serif">'
      '<defs><marker id="a" markerWidth="8" markerHeight="8" refX="7" refY="4" orient="auto"><path d="M0,0 L8,4 L0,8 z" fill="#1565c0"/></marker></defs>'
      '<rect width="100%" height="100%" fill="#fff"/>' + "\n".join(out) + "</svg>")
