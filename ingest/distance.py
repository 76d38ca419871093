"""Straight-line distances from each municipality to the regional centres of the SONet BOTNIA area.

The deck names physical distance as one driver of inequality, so the distance to services is an indicator of its own.
Method: the centroid of each municipality's polygon (shapely), computed in the national plane ETRS-TM35FIN
(EPSG:3067) so that degrees of longitude and latitude weigh alike, from the NLS 2021 borders; then the geodesic
distance on the WGS84 ellipsoid (pyproj Geod) between that centroid and the centroid of the centre municipality.
"""
import pandas as pd
import shapely
from pyproj import Geod, Transformer
from shapely.geometry import shape

# Region -> the municipality that is its centre: Etelä-Pohjanmaa Seinäjoki, Pohjanmaa Vaasa, Keski-Pohjanmaa Kokkola.
REGIONAL_CENTRES = {"14": "743", "15": "905", "16": "272"}
SOURCE = "nls_borders_2021;centre_distance"
YEAR = 2021
GEOD = Geod(ellps="WGS84")
TO_PLANE = Transformer.from_crs("EPSG:4326", "EPSG:3067", always_xy=True)
TO_DEGREES = Transformer.from_crs("EPSG:3067", "EPSG:4326", always_xy=True)


def centroids(collection):
    """code -> (lon, lat) of each feature's centroid, taken in ETRS-TM35FIN and returned as WGS84 degrees."""
    out = {}
    for feature in collection["features"]:
        plane = shapely.transform(shape(feature["geometry"]), TO_PLANE.transform, interleaved=False)
        out[feature["properties"]["NATCODE"]] = TO_DEGREES.transform(plane.centroid.x, plane.centroid.y)
    return out


def distance_km(a, b):
    """Geodesic distance in km on the WGS84 ellipsoid between two (lon, lat) points."""
    _, _, metres = GEOD.inv(a[0], a[1], b[0], b[1])
    return metres / 1000.0


def centre_distances(collection, region_of):
    """Per municipality: km to the nearest of the three centres, and km to its own region's centre.

    Every municipality of Finland gets the first; only the municipalities of the three regions have an own
    centre here, so for the others the second is left missing rather than invented.
    """
    points = centroids(collection)
    centres = {region: points[code] for region, code in REGIONAL_CENTRES.items()}
    rows = []
    for code, point in sorted(points.items()):
        region = region_of.get(code)
        own = centres.get(region)
        rows.append({"code": code,
                     "nearest_km": min(distance_km(point, c) for c in centres.values()),
                     "own_km": distance_km(point, own) if own else float("nan")})
    return pd.DataFrame(rows)


def distance_rows(collection, areas):
    """The two distance indicators as indicator rows (municipalities only; areas have no distance)."""
    munis = areas[areas["level"] == "municipality"]
    frame = centre_distances(collection, dict(zip(munis["code"], munis["region_code"])))
    out = []
    for indicator, column in (("distance_nearest_centre_km", "nearest_km"), ("distance_own_centre_km", "own_km")):
        part = frame.dropna(subset=[column])
        out.append(pd.DataFrame({"area_code": part["code"], "year": YEAR, "indicator": indicator,
                                 "value": part[column], "source": SOURCE}))
    return pd.concat(out, ignore_index=True)
