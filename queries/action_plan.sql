-- One centre's actions in focus-area order, with the linked indicator's name, unit, decimals and better direction.
SELECT p.id, p.focus_area, p.action, p.owner, p."start", p.due, p.status, coalesce(p.indicator, '') AS indicator,
       p.target_value, p.target_year, m.better, m.unit, m.decimals
FROM action_plan p
LEFT JOIN indicator_meta m ON m.indicator = p.indicator
WHERE p.centre = $centre
ORDER BY p.focus_area, p.due, p.id;
