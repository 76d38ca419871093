-- The municipality codes of one scope (the whole country, a region or a centre's area), in code order.
SELECT area_code FROM scope_municipalities WHERE scope = $scope ORDER BY area_code;
