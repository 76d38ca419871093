"""Borders for the browser: simplified with shapely (topology kept), coordinates rounded, only needed properties,
and each feature's bounding box (GeoJSON `bbox`), so the map fits its view without walking every coordinate."""
from shapely.geometry import mapping, shape

from ingest.readers import read_municipal_borders, read_region_borders

TOLERANCE_DEG = 0.004
DIGITS = 4


def _round(coords):
    """Round nested coordinate lists to DIGITS decimals (about 10 m), which is finer than the simplification."""
    if isinstance(coords[0], (int, float)):
        return [round(c, DIGITS) for c in coords]
    return [_round(c) for c in coords]


def _simplify(collection, props):
    """A FeatureCollection with each geometry simplified and only `props` kept (renamed to ours)."""
    features = []
    for feature in collection["features"]:
        geom = shape(feature["geometry"]).simplify(TOLERANCE_DEG, preserve_topology=True)
        geojson = mapping(geom)
        coordinates = _round(geojson["coordinates"])
        features.append({
            "type": "Feature",
            "id": feature["properties"]["NATCODE"],
            "properties": {ours: feature["properties"][theirs] for ours, theirs in props.items()},
            "bbox": list(shape({"type": geojson["type"], "coordinates": coordinates}).bounds),
            "geometry": {"type": geojson["type"], "coordinates": coordinates},
        })
    features.sort(key=lambda f: f["id"])
    return {"type": "FeatureCollection", "features": features}


def simplified_borders(raw):
    """Municipal (2021) and regional (2023) borders, simplified."""
    munis, _ = read_municipal_borders(raw)
    regions, _ = read_region_borders(raw)
    names = {"code": "NATCODE", "name_fi": "NAMEFIN", "name_sv": "NAMESWE"}
    return _simplify(munis, names), _simplify(regions, names)
